import Dispatch
import MotCuaDomain
import Synchronization

/// The synthetic national databases a provincial one-stop shop consults: population, civil status, social
/// insurance, land, tax and household businesses, with O(1) look-up by citizen ID and by old ID.
///
/// The generated data is immutable and shared by all readers without locking. Changes made through
/// ``apply(_:)`` (two-way sharing between databases) go to a small overlay behind a mutex, which every
/// look-up consults, so concurrent readers and writers always see whole updates.
public final class NationalRegistry: Sendable {
    /// The seed the data was generated from.
    public let seed: UInt64
    /// The registry's "today".
    public let referenceDate: LocalDate

    let storage: RegistryStorage
    let citizenIndex: IDTable
    let legacyIndex: IDTable
    let civilByPerson: OwnerIndex
    let civilByNumber: IDTable
    let parcelsByOwner: OwnerIndex
    let parcelsByCommune: OwnerIndex
    let businessesByOwner: OwnerIndex
    let overlay = Mutex(Overlay())

    init(seed: UInt64, referenceDate: LocalDate, storage: RegistryStorage) {
        self.seed = seed
        self.referenceDate = referenceDate
        self.storage = storage
        // The ID tables and the one-to-many indices are independent: build them on both cores.
        let tables = Mutex<(citizen: IDTable?, legacy: IDTable?, civil: IDTable?)>((nil, nil, nil))
        let indices = Mutex<[OwnerIndex?]>([nil, nil, nil, nil])
        DispatchQueue.concurrentPerform(iterations: 3) { task in
            switch task {
            case 0:
                let citizen = Self.citizenTable(storage.people)
                let legacy = Self.legacyTable(storage.people)
                tables.withLock {
                    $0.citizen = citizen
                    $0.legacy = legacy
                }
            case 1:
                let civil = Self.civilTable(storage.civil)
                let byPerson = Self.civilIndex(storage)
                tables.withLock { $0.civil = civil }
                indices.withLock { $0[0] = byPerson }
            default:
                let byOwner = OwnerIndex(ownerCount: storage.people.count) { report in
                    for (row, parcel) in storage.parcels.enumerated() {
                        report(parcel.firstOwner, Int32(row))
                        if parcel.secondOwner >= 0 { report(parcel.secondOwner, Int32(row)) }
                    }
                }
                // Parcels are numbered in row order within their commune, so this index maps a parcel number
                // back to its row.
                let byCommune = OwnerIndex(ownerCount: Commune.bacNinh.count) { report in
                    for (row, parcel) in storage.parcels.enumerated() { report(Int32(parcel.commune), Int32(row)) }
                }
                let businesses = OwnerIndex(ownerCount: storage.people.count) { report in
                    for (row, business) in storage.businesses.enumerated() { report(business.owner, Int32(row)) }
                }
                indices.withLock {
                    $0[1] = byOwner
                    $0[2] = byCommune
                    $0[3] = businesses
                }
            }
        }
        (citizenIndex, legacyIndex, civilByNumber) = tables.withLock { ($0.citizen!, $0.legacy!, $0.civil!) }
        (civilByPerson, parcelsByOwner, parcelsByCommune, businessesByOwner) = indices.withLock { ($0[0]!, $0[1]!, $0[2]!, $0[3]!) }
    }

    private static func citizenTable(_ people: [PersonRow]) -> IDTable {
        var table = IDTable(capacityFor: people.count)
        for (index, person) in people.enumerated() {
            let inserted = table.insert(person.id, Int32(index))
            precondition(inserted, "citizen IDs are unique by construction")
        }
        return table
    }

    private static func legacyTable(_ people: [PersonRow]) -> IDTable {
        var table = IDTable(capacityFor: people.lazy.filter { $0.legacy != 0 }.count)
        for (index, person) in people.enumerated() where person.legacy != 0 {
            let inserted = table.insert(UInt64(person.legacy), Int32(index))
            precondition(inserted, "old IDs are unique by construction")
        }
        return table
    }

    private static func civilTable(_ civil: [CivilRow]) -> IDTable {
        var table = IDTable(capacityFor: civil.count)
        for (index, row) in civil.enumerated() {
            let year = LocalDate(daysSinceEpoch: Int(row.day)).year
            table.insert(RegistryStorage.civilKey(kind: row.kind, commune: row.commune, year: year, sequence: row.sequence), Int32(index))
        }
        return table
    }

    /// A person's own registrations: their birth and death, their marriages and divorces.
    private static func civilIndex(_ storage: RegistryStorage) -> OwnerIndex {
        OwnerIndex(ownerCount: storage.people.count) { report in
            for (index, row) in storage.civil.enumerated() {
                report(row.first, Int32(index))
                let kind = CivilStatusRegistration.Kind(code: row.kind)
                if (kind == .marriage || kind == .divorce) && row.second >= 0 { report(row.second, Int32(index)) }
            }
        }
    }

    /// Number of person records, living and deceased.
    public var personCount: Int { storage.people.count }
    /// Number of households.
    public var householdCount: Int { storage.households.count }
    /// Number of land parcels.
    public var landParcelCount: Int { storage.parcels.count }
    /// Number of household businesses.
    public var businessCount: Int { storage.businesses.count }
    /// Number of civil-status registrations, including those added through ``apply(_:)``.
    public var civilStatusCount: Int { storage.civil.count + overlay.withLock { $0.civil.count } }
}
