import Foundation

/// What a recorded ID still tells when it names nobody in the register, or names someone whose fields disagree, or
/// has a digit too many or too few: a slip of the keyboard or the scanner leaves it one edit from the person's own
/// ID, and almost no other namesake's ID lies that close.
///
/// The slips are told apart by the number of digits recorded (``Kind``): as many as an ID has (a digit replaced, or
/// two neighbouring digits swapped), one fewer (a digit lost) or one more (a digit doubled or added); for the 12-digit
/// citizen ID and for the 9-digit old ID. Ten digits are an old ID with a digit too many: a citizen ID that lost its
/// leading zeros would have been found as it is.
///
/// Each kind enters the score as one more Fellegi–Sunter field of such a record, with weights learnt from the data:
/// - m, the share of these records whose person's ID is one edit away, from the records the other fields link
///   automatically anyway (a slip in the ID does not depend on how well the name and date were written);
/// - u, the chance that another person's ID is one edit away, counted on the register itself (the slip simulated on a
///   sample of its IDs) against the people who share the ID's first digits (for a citizen ID: place, century and sex,
///   birth year), which is what a namesake with the same birth year shares. Counting against the whole register would
///   make it 100 times smaller.
///
/// A candidate one edit away gains log2(m/u) bits; every other candidate, and the people in blocks too large to
/// search, lose log2((1−m)/(1−u)). The people one edit away are scored even when no blocking key found them, so a
/// slip in the ID together with one in the name or date still finds the person.
struct NearIDEvidence: Sendable, Equatable {
    /// The slip, told by the number of digits recorded against the ID's own.
    enum Kind: Int, CaseIterable, Sendable {
        case keystroke, digitLost, digitExtra
        case legacyKeystroke, legacyDigitLost, legacyDigitExtra

        /// Digits of the ID searched for: 12, or 9 for an old ID.
        var width: Int { rawValue < 3 ? 12 : 9 }
        /// Digits recorded.
        var recorded: Int { width + [0, -1, 1][rawValue % 3] }
        var isLegacy: Bool { rawValue >= 3 }

        /// For the report.
        var name: String {
            (isLegacy ? "old ID, " : "citizen ID, ") + ["one keystroke", "one digit lost", "one digit too many"][rawValue % 3]
        }

        /// For a finding's evidence: "recorded ID <phrase> the person's".
        var phrase: String {
            ["one keystroke from", "one digit short of", "one digit more than"][rawValue % 3] + (isLegacy ? " the person's old ID" : " the person's")
        }
    }

    var kind: Kind
    /// P(the person's ID is one edit from the recorded one | the record names a register person).
    var m: Double
    /// P(a given other person's ID is one edit from the recorded one).
    var u: Double
    /// Records the estimate of ``m`` rests on, and how many of them had the person one edit away.
    var sampled: Int
    var near: Int
    /// log2(m/u): added to a candidate one edit away.
    let agreement: Float
    /// log2((1−m)/(1−u)): added to every other candidate.
    let disagreement: Float

    init(kind: Kind = .keystroke, m: Double, u: Double, sampled: Int = 0, near: Int = 0) {
        self.kind = kind
        self.m = m
        self.u = u
        self.sampled = sampled
        self.near = near
        agreement = Float(log2(m / u))
        disagreement = Float(log2((1 - m) / (1 - u)))
    }

    /// The weights of a run, one entry per ``Kind`` (nil where no record has such an ID, or the data gave no evidence).
    typealias Table = [NearIDEvidence?]

    /// A table with `evidence` alone.
    static func table(_ evidence: [NearIDEvidence]) -> Table {
        var table = Table(repeating: nil, count: Kind.allCases.count)
        for item in evidence { table[item.kind.rawValue] = item }
        return table
    }

    /// At most this many people one edit away are scored (a register of sequential IDs could have 119).
    static let maximumNeighbours = 8
    /// Records of each kind, and register people, sampled for the estimates.
    static let sampleSize = 20_000

    private static let powers: [UInt64] = (0..<14).map { exponent in (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// The slip a record's ID is searched for, if any: its ID names nobody (`unknown`), someone whose fields disagree
    /// (`conflicting`), or is not a valid ID (`invalid`), and has a digit count one edit from an ID's.
    @inline(__always)
    static func kind(_ record: SourceRecord, status: MatchOutcome.IDStatus) -> Kind? {
        guard status == .unknown || status == .conflicting || status == .invalid else { return nil }
        return switch (record.idKind, record.idDigitCount) {
        // Eleven digits that start with another digit than 0 lost the leading zero every citizen ID has (province
        // codes are 001-096): a slip in what is left is a keystroke in the zero-padded ID.
        case (.citizen, 12), (.invalid, 12), (.citizen, 11): .keystroke
        case (.unreadable, 11): .digitLost
        case (.unreadable, 13): .digitExtra
        case (.legacy, 9): .legacyKeystroke
        case (.legacy, 8), (.unreadable, 8): .legacyDigitLost
        case (.citizen, 10), (.unreadable, 10): .legacyDigitExtra
        default: nil
        }
    }

    /// Calls `body` with every ID of `kind.width` digits one edit of that kind from `recorded` (a number of
    /// `kind.recorded` digits, leading zeros included): for a keystroke each digit replaced by another and each pair
    /// of different neighbouring digits swapped; for a lost digit each digit inserted at each place; for a digit too
    /// many each digit removed. The same number may come more than once.
    @inline(__always)
    static func forEachNeighbour(of recorded: UInt64, kind: Kind, _ body: (UInt64) -> Void) {
        let width = kind.width
        switch kind.rawValue % 3 {
        case 0:
            for position in 0..<width {
                let power = powers[position]
                let digit = recorded / power % 10
                let base = recorded - digit * power
                for replacement in 0..<UInt64(10) where replacement != digit { body(base + replacement * power) }
                if position < width - 1 {
                    let next = recorded / (power * 10) % 10
                    if next != digit { body(recorded - digit * power - next * power * 10 + next * power + digit * power * 10) }
                }
            }
        case 1:
            for position in 0..<width {
                let power = powers[position]
                let low = recorded % power
                let high = recorded / power
                // Inserting the digit already on either side gives the same number as the neighbouring place: skip it there.
                let right = position > 0 ? low / powers[position - 1] : 10
                for digit in 0..<UInt64(10) where digit != right { body((high * 10 + digit) * power + low) }
            }
        default:
            for position in 0...width {
                let power = powers[position]
                body(recorded / (power * 10) * power + recorded % power)
            }
        }
    }

    /// Whether `id` is one edit of `kind` from `recorded`.
    static func isNeighbour(_ recorded: UInt64, _ id: UInt64, kind: Kind) -> Bool {
        var found = false
        forEachNeighbour(of: recorded, kind: kind) { if $0 == id { found = true } }
        return found
    }

    /// The register people whose ID (citizen or old, as `kind` says) is one edit from the record's, except
    /// `excluded`; at most ``maximumNeighbours``.
    static func neighbours(of record: SourceRecord, kind: Kind, in index: IDIndex, excluding excluded: Int32) -> [Int32] {
        var found: [Int32] = []
        forEachNeighbour(of: record.rawID, kind: kind) { candidate in
            if found.count < maximumNeighbours, index.mayContain(candidate), let person = index.find(candidate), person != excluded,
                !found.contains(person)
            {
                found.append(person)
            }
        }
        return found
    }

    /// The recorded digits a slip of `kind` makes of `id`, at a place chosen by `seed` (for estimating u).
    static func slip(_ id: UInt64, kind: Kind, seed: Int) -> UInt64 {
        let width = kind.width
        let position = seed % width
        let power = powers[position]
        switch kind.rawValue % 3 {
        case 0:
            // A digit replaced by the next one.
            let digit = id / power % 10
            return id - digit * power + (digit + 1) % 10 * power
        case 1:
            return id / (power * 10) * power + id % power
        default:
            let digit = id / power % 10
            return (id / power * 10 + digit) * power + id % power
        }
    }

    /// Estimates m and u for each kind from this run's data; nil entries where no record has such an ID or the
    /// data gives no evidence. `matcher` must not use near-ID evidence yet.
    static func estimate(matcher: Matcher, records: [SourceRecord], parallelism: Int) async -> Table {
        // Records with an ID each kind applies to. (IDs that name someone whose fields disagree are left out of the
        // sample: they are few, and finding them would mean scoring every record's own ID pair a second time.)
        let eligible = await Reconciler.parallelMap(count: records.count, parallelism: parallelism) { range -> [[Int]] in
            var found = [[Int]](repeating: [], count: Kind.allCases.count)
            for index in range {
                let record = records[index]
                let status: MatchOutcome.IDStatus =
                    switch record.idKind {
                    case .citizen: matcher.idIndex.find(record.citizenID) == nil ? .unknown : .confirmed
                    case .legacy: matcher.legacyIndex.find(record.legacyID) == nil ? .unknown : .confirmed
                    case .invalid, .unreadable: .invalid
                    case .none: .absent
                    }
                if let kind = kind(record, status: status) { found[kind.rawValue].append(index) }
            }
            return found
        }
        var table = Table(repeating: nil, count: Kind.allCases.count)
        var sharing: [Bool: [Int32]] = [:]
        for kind in Kind.allCases {
            let indices = eligible.flatMap { $0[kind.rawValue] }
            guard !indices.isEmpty else { continue }
            if sharing[kind.isLegacy] == nil { sharing[kind.isLegacy] = prefixCounts(matcher.people, legacy: kind.isLegacy) }
            let u = self.u(kind, matcher: matcher, sharing: sharing[kind.isLegacy]!)
            let step = max(1, indices.count / sampleSize)
            let sample = stride(from: 0, to: indices.count, by: step).map { indices[$0] }
            let counts = await Reconciler.parallelMap(count: sample.count, parallelism: parallelism) { range -> (linked: Int, near: Int) in
                var linked = 0
                var near = 0
                for position in range {
                    let record = records[sample[position]]
                    let outcome = matcher.match(record)
                    guard outcome.decision == .automatic, outcome.method == .probabilistic else { continue }
                    linked += 1
                    let person = matcher.people[Int(outcome.person)]
                    if isNeighbour(record.rawID, kind.isLegacy ? person.legacyID : person.citizenID, kind: kind) { near += 1 }
                }
                return (linked, near)
            }
            let linked = counts.reduce(0) { $0 + $1.linked }
            let near = counts.reduce(0) { $0 + $1.near }
            // A uniform prior: with few records m stays near one half, which still rewards a near ID but barely punishes a far one.
            let m = min(0.99, max(0.01, Double(near + 1) / Double(linked + 2)))
            if m > u { table[kind.rawValue] = NearIDEvidence(kind: kind, m: m, u: u, sampled: linked, near: near) }
        }
        return table
    }

    /// u for `kind`: on a sample of register IDs, the slip simulated, and the other people one edit from the result
    /// against those sharing the ID's first digits (six of a citizen ID: place, century and sex, birth year; three of
    /// an old ID: its issuing place). `sharing` counts the IDs per first digits (``prefixCounts(_:legacy:)``).
    static func u(_ kind: Kind, matcher: Matcher, sharing groups: [Int32]) -> Double {
        let people = matcher.people
        let index = kind.isLegacy ? matcher.legacyIndex : matcher.idIndex
        let step = max(1, people.count / sampleSize)
        var neighbours = 0
        var sharingPrefix = 0
        for position in stride(from: 0, to: people.count, by: step) {
            let own = kind.isLegacy ? people[position].legacyID : people[position].citizenID
            guard own != 0 else { continue }
            let prefix = Int(own / powers[6])
            sharingPrefix += prefix < groups.count ? max(1, Int(groups[prefix])) - 1 : 0
            var seen: [Int32] = []
            forEachNeighbour(of: slip(own, kind: kind, seed: position / step), kind: kind) { candidate in
                if index.mayContain(candidate), let person = index.find(candidate), person != Int32(position), !seen.contains(person) {
                    seen.append(person)
                }
            }
            neighbours += seen.count
        }
        // One pseudo-count each way keeps u above zero on a sparse or small register.
        return min(0.5, Double(neighbours + 1) / Double(sharingPrefix + 1))
    }

    /// How many register people's IDs (citizen or old) start with each six (or, of an old ID, three) digits, indexed
    /// by those digits. (The register's IDs have at most 12 digits, so the first six are below a million: an array
    /// counts 3.5 million people in milliseconds, where a dictionary took a serial half second.)
    static func prefixCounts(_ people: [RegisterPerson], legacy: Bool) -> [Int32] {
        var groups = [Int32](repeating: 0, count: Int(powers[6]))
        for person in people {
            let id = legacy ? person.legacyID : person.citizenID
            if id != 0, id < powers[12] { groups[Int(id / powers[6])] += 1 }
        }
        return groups
    }
}
