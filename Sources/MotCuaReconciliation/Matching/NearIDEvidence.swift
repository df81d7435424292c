import Foundation

/// What a recorded citizen ID still tells when it names nobody in the register, or names someone whose fields
/// disagree: a typing slip (one digit replaced, or two neighbouring digits swapped) leaves it one keystroke from
/// the person's own ID, and almost no other namesake's ID lies that close.
///
/// It enters the score as one more Fellegi–Sunter field of such a record, with weights learnt from the data:
/// - m, the share of these records whose person's ID is one keystroke away, from the records the other fields
///   link automatically anyway (a typo in the ID does not depend on how well the name and date were written);
/// - u, the chance that another person's ID is one keystroke away, counted on the register itself against the
///   people who share the ID's first six digits (place, century and sex, birth year), which is what a namesake
///   with the same birth year shares. Counting against the whole register would make it 100 times smaller.
///
/// A candidate one keystroke away gains log2(m/u) bits; every other candidate, and the people in blocks too large
/// to search, lose log2((1−m)/(1−u)). The people one keystroke away are scored even when no blocking key found
/// them, so a typo in the ID together with one in the name or date still finds the person.
struct NearIDEvidence: Sendable, Equatable {
    /// P(the person's ID is one keystroke from the recorded one | the record names a register person).
    var m: Double
    /// P(a given other person's ID is one keystroke from the recorded one).
    var u: Double
    /// Records the estimate of ``m`` rests on, and how many of them had the person one keystroke away.
    var sampled: Int
    var near: Int
    /// log2(m/u): added to a candidate one keystroke away.
    let agreement: Float
    /// log2((1−m)/(1−u)): added to every other candidate.
    let disagreement: Float

    init(m: Double, u: Double, sampled: Int = 0, near: Int = 0) {
        self.m = m
        self.u = u
        self.sampled = sampled
        self.near = near
        agreement = Float(log2(m / u))
        disagreement = Float(log2((1 - m) / (1 - u)))
    }

    /// At most this many people one keystroke away are scored (a register of sequential IDs could have 119).
    static let maximumNeighbours = 8
    /// Records (with an unknown or conflicting ID) and register people sampled for the estimates.
    static let sampleSize = 20_000

    private static let powers: [UInt64] = (0..<12).map { exponent in (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// Whether the record's ID is twelve digits, as written, that the near-ID search applies to. An ID read from 10 or
    /// 11 digits is left out: it could as well be an old 9-digit ID with a digit or two too many.
    @inline(__always)
    static func applies(_ record: SourceRecord, status: MatchOutcome.IDStatus) -> Bool {
        guard !record.idZeroPadded else { return false }
        return switch record.idKind {
        case .citizen: status == .unknown || status == .conflicting
        case .invalid: record.citizenID != 0
        default: false
        }
    }

    /// Calls `body` with every twelve-digit number one keystroke from `id`: each digit replaced by another (108),
    /// and each pair of different neighbouring digits swapped (up to 11).
    @inline(__always)
    static func forEachNeighbour(of id: UInt64, _ body: (UInt64) -> Void) {
        for position in 0..<12 {
            let power = powers[position]
            let digit = id / power % 10
            let base = id - digit * power
            for replacement in 0..<UInt64(10) where replacement != digit { body(base + replacement * power) }
            if position < 11 {
                let next = id / (power * 10) % 10
                if next != digit { body(id - digit * power - next * power * 10 + next * power + digit * power * 10) }
            }
        }
    }

    /// Whether two IDs are one keystroke apart.
    static func isOneKeystroke(_ lhs: UInt64, _ rhs: UInt64) -> Bool {
        var found = false
        forEachNeighbour(of: lhs) { if $0 == rhs { found = true } }
        return found
    }

    /// The register people whose ID is one keystroke from `id`, except `excluded`; at most ``maximumNeighbours``.
    static func neighbours(of id: UInt64, in index: IDIndex, excluding excluded: Int32) -> [Int32] {
        var found: [Int32] = []
        forEachNeighbour(of: id) { candidate in
            if found.count < maximumNeighbours, index.mayContain(candidate), let person = index.find(candidate), person != excluded { found.append(person) }
        }
        return found
    }

    /// Estimates m and u from this run's data; nil when no record has an ID the search applies to.
    /// `matcher` must not use near-ID evidence yet.
    static func estimate(matcher: Matcher, records: [SourceRecord], parallelism: Int) async -> NearIDEvidence? {
        // u: on a sample of register IDs, the people one keystroke away against those sharing the first six digits.
        let people = matcher.people
        var groups: [UInt64: Int] = [:]
        for person in people where person.citizenID != 0 { groups[person.citizenID / 1_000_000, default: 0] += 1 }
        let personStep = max(1, people.count / sampleSize)
        var neighbours = 0
        var sharingPrefix = 0
        for index in stride(from: 0, to: people.count, by: personStep) where people[index].citizenID != 0 {
            let id = people[index].citizenID
            sharingPrefix += groups[id / 1_000_000, default: 1] - 1
            forEachNeighbour(of: id) { if matcher.idIndex.mayContain($0) && matcher.idIndex.find($0) != nil { neighbours += 1 } }
        }
        // One pseudo-count each way keeps u above zero on a sparse or small register.
        let u = min(0.5, Double(neighbours + 1) / Double(sharingPrefix + 1))

        // m: records with such an ID that the other fields link automatically, and whether the person is one keystroke away.
        // (IDs that name someone whose fields disagree are left out of the sample: they are few, and finding them
        // would mean scoring every record's own ID pair a second time.)
        let eligible = await Reconciler.parallelMap(count: records.count, parallelism: parallelism) { range -> [Int] in
            range.filter { index in
                let record = records[index]
                switch record.idKind {
                case .citizen: return !record.idZeroPadded && matcher.idIndex.find(record.citizenID) == nil
                case .invalid: return record.citizenID != 0
                default: return false
                }
            }
        }.flatMap { $0 }
        guard !eligible.isEmpty else { return nil }
        let recordStep = max(1, eligible.count / sampleSize)
        let sample = stride(from: 0, to: eligible.count, by: recordStep).map { eligible[$0] }
        let counts = await Reconciler.parallelMap(count: sample.count, parallelism: parallelism) { range -> (linked: Int, near: Int) in
            var linked = 0
            var near = 0
            for position in range {
                let record = records[sample[position]]
                let outcome = matcher.match(record)
                guard outcome.decision == .automatic, outcome.method == .probabilistic else { continue }
                linked += 1
                if isOneKeystroke(record.citizenID, people[Int(outcome.person)].citizenID) { near += 1 }
            }
            return (linked, near)
        }
        let linked = counts.reduce(0) { $0 + $1.linked }
        let near = counts.reduce(0) { $0 + $1.near }
        // A uniform prior: with few records m stays near one half, which still rewards a near ID but barely punishes a far one.
        let m = min(0.99, max(0.01, Double(near + 1) / Double(linked + 2)))
        guard m > u else { return nil }
        return NearIDEvidence(m: m, u: u, sampled: linked, near: near)
    }
}
