import Dispatch
import MotCuaDomain
import Synchronization

/// Generates the synthetic national databases for a province of `people` inhabitants, deterministically
/// from `seed`: the same seed and size give the same registry on any machine and any number of cores.
///
/// Households are generated in fixed-size chunks, each from its own seed derived from `seed`, in parallel;
/// the chunks are then joined in order and everything that must be unique across the registry (citizen
/// IDs, old IDs, registration and parcel numbers) is numbered in one serial pass.
public struct RegistryGenerator: Sendable {
    public let seed: UInt64
    public let people: Int
    public var rates: InconsistencyRates
    /// The day the registry describes: ages, deaths and card validity are as of this day.
    public var referenceDate: LocalDate

    /// - Parameters:
    ///   - seed: Any value; different seeds give unrelated registries.
    ///   - people: Number of person records, living and deceased (Bắc Ninh: about 3.6 million).
    ///   - rates: How often the planted inconsistencies occur.
    ///   - referenceDate: The registry's "today"; fixed by default so that a seed always means the same data.
    public init(
        seed: UInt64, people: Int = 3_600_000, rates: InconsistencyRates = .default,
        referenceDate: LocalDate = LocalDate(year: 2026, month: 1, day: 1)!
    ) {
        precondition(people >= 1, "a registry has at least one person")
        self.seed = seed
        self.people = people
        self.rates = rates
        self.referenceDate = referenceDate
    }

    /// Marks, during generation, a person who will be given an old ID in the numbering pass.
    static let legacyPending: UInt32 = 1
    /// People per chunk: small enough to balance two cores, large enough to keep joins cheap.
    static let chunkSize = 50_000

    /// Builds the registry. Takes seconds for millions of people; call it once at start-up.
    public func generate() -> NationalRegistry {
        let chunkCount = max(1, (people + Self.chunkSize - 1) / Self.chunkSize)
        let results = Mutex<[ChunkBuilder?]>(Array(repeating: nil, count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = people * chunk / chunkCount
            let end = people * (chunk + 1) / chunkCount
            var builder = ChunkBuilder(
                seed: SplitMix64.mix(seed ^ (UInt64(chunk + 1) &* 0xD1B5_4A32_D192_ED03)), target: end - start,
                rates: rates, referenceDate: referenceDate)
            builder.build()
            let finished = builder
            results.withLock { $0[chunk] = finished }
        }
        var chunks = results.withLock { state in
            let taken = state
            state = []
            return taken
        }
        var storage = Self.join(&chunks, expected: people)
        number(&storage)
        return NationalRegistry(seed: seed, referenceDate: referenceDate, storage: storage)
    }

    /// Concatenates the chunks in order, shifting their local indices; frees each chunk once copied.
    static func join(_ chunks: inout [ChunkBuilder?], expected: Int) -> RegistryStorage {
        var storage = RegistryStorage()
        storage.people.reserveCapacity(expected)
        for index in chunks.indices {
            guard let chunk = chunks[index] else { continue }
            chunks[index] = nil
            let personOffset = Int32(storage.people.count)
            let householdOffset = Int32(storage.households.count)
            func shift(_ value: Int32) -> Int32 { value >= 0 ? value + personOffset : value }
            storage.people.append(
                contentsOf: chunk.people.lazy.map { row in
                    var row = row
                    row.spouse = shift(row.spouse)
                    row.father = shift(row.father)
                    row.mother = shift(row.mother)
                    row.household += householdOffset
                    return row
                })
            storage.households.append(
                contentsOf: chunk.households.lazy.map { row in
                    var row = row
                    row.head = shift(row.head)
                    row.firstMember = shift(row.firstMember)
                    return row
                })
            storage.civil.append(
                contentsOf: chunk.civil.lazy.map { row in
                    var row = row
                    row.first = shift(row.first)
                    row.second = shift(row.second)
                    row.third = shift(row.third)
                    return row
                })
            storage.parcels.append(
                contentsOf: chunk.parcels.lazy.map { row in
                    var row = row
                    row.firstOwner = shift(row.firstOwner)
                    row.secondOwner = shift(row.secondOwner)
                    return row
                })
            storage.businesses.append(
                contentsOf: chunk.businesses.lazy.map { row in
                    var row = row
                    row.owner = shift(row.owner)
                    return row
                })
        }
        return storage
    }

    /// Assigns every registry-wide number in one deterministic pass.
    func number(_ storage: inout RegistryStorage) {
        // Citizen IDs: the 6 random digits count up per prefix PPPGYY, scrambled by an affine map that is a
        // bijection modulo 10^6 (the multiplier is prime to 10), so numbers are unique without a set.
        var perPrefix = [UInt32](repeating: 0, count: 296_000)
        var legacyCount: UInt64 = 0
        let legacySalt = SplitMix64.mix(seed ^ 0x4C45_4741_4359) % 900_000_000
        for index in storage.people.indices {
            let prefix = storage.people[index].id
            let sequence = UInt64(perPrefix[Int(prefix)])
            perPrefix[Int(prefix)] += 1
            let salt = SplitMix64.mix(seed ^ prefix) % 1_000_000
            storage.people[index].id = prefix * 1_000_000 + (sequence &* 600_073 &+ salt) % 1_000_000
            if storage.people[index].legacy == Self.legacyPending {
                // 9 digits from 100000000; 7,654,321 is prime to 9·10^8, so the map is a bijection too.
                storage.people[index].legacy = UInt32(100_000_000 + (legacyCount &* 7_654_321 &+ legacySalt) % 900_000_000)
                legacyCount += 1
            }
        }
        var householdsPerCommune = [UInt32](repeating: 0, count: Commune.bacNinh.count)
        for index in storage.households.indices {
            let commune = Int(storage.households[index].commune)
            householdsPerCommune[commune] += 1
            storage.households[index].sequence = householdsPerCommune[commune]
        }
        var civilCounters = [UInt32](repeating: 0, count: RegistryStorage.civilCounterCount)
        for index in storage.civil.indices {
            let row = storage.civil[index]
            let year = LocalDate(daysSinceEpoch: Int(row.day)).year
            let counter = RegistryStorage.civilCounter(kind: row.kind, commune: row.commune, year: year)
            civilCounters[counter] += 1
            storage.civil[index].sequence = civilCounters[counter]
        }
        storage.civilCounters = civilCounters
        var parcelsPerCommune = [UInt32](repeating: 0, count: Commune.bacNinh.count)
        for index in storage.parcels.indices {
            let commune = Int(storage.parcels[index].commune)
            parcelsPerCommune[commune] += 1
            storage.parcels[index].sequence = parcelsPerCommune[commune]
        }
        var businessesPerCommune = [UInt32](repeating: 0, count: Commune.bacNinh.count)
        for index in storage.businesses.indices {
            let commune = Int(storage.businesses[index].commune)
            businessesPerCommune[commune] += 1
            storage.businesses[index].sequence = businessesPerCommune[commune]
        }
    }
}
