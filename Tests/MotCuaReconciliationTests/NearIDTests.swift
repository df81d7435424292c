import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// A recorded ID that names nobody is still evidence: a typing slip leaves it one keystroke from the person's own ID.
@Suite struct NearIDTests {
    private typealias Fixture = PosteriorDecisionTests

    private static func person(_ name: String, _ date: Int32, commune: UInt32, id: UInt64) -> RegisterPerson {
        var person = Fixture.person(name, date, commune: commune)
        person.citizenID = id
        return person
    }

    private static func record(_ name: String, _ date: Int32, commune: UInt32, id: UInt64) -> SourceRecord {
        var record = Fixture.record(name, date, commune: commune)
        record.idKind = .citizen
        record.citizenID = id
        record.rawID = id
        record.idDigitCount = 12
        return record
    }

    /// The fixture's matcher over `people`, their IDs indexed, with or without near-ID weights.
    private static func matcher(_ people: [RegisterPerson], near: [NearIDEvidence] = []) async -> Matcher {
        var matcher = await Fixture.matcher(people)
        var index = IDIndex(capacity: people.count)
        var legacy = IDIndex(capacity: people.count)
        for (position, person) in people.enumerated() {
            index.insert(person.citizenID, Int32(position))
            if person.legacyID != 0 { legacy.insert(person.legacyID, Int32(position)) }
        }
        matcher = Matcher(
            people: matcher.people, frequencies: matcher.frequencies, candidates: matcher.candidates, idIndex: index, legacyIndex: legacy,
            blocking: matcher.blocking, model: matcher.model, thresholds: matcher.thresholds, absentWeight: matcher.absentWeight,
            nearID: near.isEmpty ? [] : NearIDEvidence.table(near))
        return matcher
    }

    /// A source record whose ID field reads `text` (as ``RecordDecoding`` reads it).
    private static func record(_ name: String, _ date: Int32, commune: UInt32, idField text: String) -> SourceRecord {
        let reading = Self.read(text)
        var record = Fixture.record(name, date, commune: commune)
        record.idKind = reading.kind
        switch reading.kind {
        case .legacy: record.legacyID = reading.id
        default: record.citizenID = reading.id
        }
        record.rawID = reading.raw
        record.idDigitCount = UInt8(reading.digits)
        return record
    }

    private static func read(_ text: String) -> (kind: SourceRecord.IDKind, id: UInt64, raw: UInt64, digits: Int) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { FieldParsing.sourceID($0, FieldSlice(start: 0, end: bytes.count, escaped: false), field: 0) }
    }

    /// The fixture's register with IDs that are far apart (a step of 7,919 in the last six digits).
    private static func register(_ extra: [RegisterPerson]) -> [RegisterPerson] {
        Fixture.register([]).enumerated().map { position, person in
            var person = person
            person.citizenID = 27_000_000_000 + UInt64(position) * 7_919
            return person
        } + extra
    }

    private static let evidence = NearIDEvidence(kind: .keystroke, m: 0.9, u: 1e-4)

    @Test("every number one keystroke from an ID is visited: each digit replaced, each pair of neighbouring digits swapped")
    func neighbours() {
        var seen = Set<UInt64>()
        NearIDEvidence.forEachNeighbour(of: 27_090_000_123, kind: .keystroke) { seen.insert($0) }
        // 12 × 9 replacements; swaps only of different neighbours: 0-2, 2-7, 7-0, 0-9, 9-0, 0-1, 1-2, 2-3.
        #expect(seen.count == 108 + 8)
        #expect(seen.allSatisfy { $0 < 1_000_000_000_000 && $0 != 27_090_000_123 })
        #expect(NearIDEvidence.isNeighbour(27_090_000_123, 27_090_000_128, kind: .keystroke))
        #expect(NearIDEvidence.isNeighbour(27_090_000_123, 27_090_000_132, kind: .keystroke))
        #expect(NearIDEvidence.isNeighbour(27_090_000_123, 127_090_000_123, kind: .keystroke))
        #expect(!NearIDEvidence.isNeighbour(27_090_000_123, 27_090_000_128 + 10, kind: .keystroke))
        #expect(!NearIDEvidence.isNeighbour(27_090_000_123, 27_090_000_123, kind: .keystroke))
    }

    @Test("a lost digit is put back at every place, a digit too many taken out at every place; the results are the IDs one such slip away")
    func lostAndExtraDigits() {
        // 027090000123 with its 4th digit lost: 02790000123 (11 digits).
        var inserted = Set<UInt64>()
        NearIDEvidence.forEachNeighbour(of: 2_790_000_123, kind: .digitLost) { inserted.insert($0) }
        #expect(inserted.contains(27_090_000_123))
        #expect(inserted.allSatisfy { $0 < 1_000_000_000_000 })
        // Every 12-digit number that loses one digit to give the 11: counted independently, by deleting each digit of each.
        let independent = (0..<12).reduce(into: Set<UInt64>()) { found, place in
            let digits = Array("02790000123")
            for digit in "0123456789" {
                var longer = digits
                longer.insert(digit, at: place)
                found.insert(UInt64(String(longer))!)
            }
        }
        #expect(inserted == independent)
        // 027090000123 with its 6th digit doubled: 0270900000123 (13 digits).
        var removed = Set<UInt64>()
        NearIDEvidence.forEachNeighbour(of: 270_900_000_123, kind: .digitExtra) { removed.insert($0) }
        #expect(removed.contains(27_090_000_123))
        #expect(removed == Set((0..<13).map { place in var digits = Array("0270900000123"); digits.remove(at: place); return UInt64(String(digits))! }))
        // Simulated slips are one slip away from the ID they were made from.
        for kind in NearIDEvidence.Kind.allCases {
            let id: UInt64 = kind.isLegacy ? 125_378_046 : 27_190_345_678
            for seed in 0..<kind.width {
                #expect(NearIDEvidence.isNeighbour(NearIDEvidence.slip(id, kind: kind, seed: seed), id, kind: kind), "\(kind) \(seed)")
            }
        }
    }

    @Test("the digit count read picks the slip searched for: 12 a keystroke, 11 a lost digit, 13 a digit too many, 10 an old ID with one too many")
    func digitCountsPickTheSlip() {
        func kind(_ text: String, status: MatchOutcome.IDStatus = .unknown) -> NearIDEvidence.Kind? {
            let reading = Self.read(text)
            var record = Fixture.record(Fixture.anAn, 19_900_715, commune: 9_187)
            record.idKind = reading.kind
            record.rawID = reading.raw
            record.idDigitCount = UInt8(reading.digits)
            return NearIDEvidence.kind(record, status: reading.kind == .unreadable || reading.kind == .invalid ? .invalid : status)
        }
        #expect(kind("027090000123") == .keystroke)
        #expect(kind("027090000123", status: .confirmed) == nil)
        #expect(kind("02709000123") == .digitLost)
        // Eleven digits that do not start with 0 lost the leading zero: the zero-padded ID may hold a keystroke.
        #expect(kind("27090000123") == .keystroke)
        #expect(kind("0270900000123") == .digitExtra)
        #expect(kind("125378046") == .legacyKeystroke)
        #expect(kind("12537846") == .legacyDigitLost)
        #expect(kind("1253780466") == .legacyDigitExtra)
        #expect(kind("02709000012345") == nil)
        #expect(kind("") == nil)
        let unreadable = Self.read("0270900000123")
        #expect(unreadable.kind == .unreadable && unreadable.id == 0 && unreadable.raw == 270_900_000_123 && unreadable.digits == 13)
    }

    @Test("an ID with a digit doubled or lost, or an old ID with one doubled, links the namesake it is one slip from")
    func lengthSlipsDecideBetweenNamesakes() async {
        var first = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123)
        first.legacyID = 125_378_046
        var second = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_555_888)
        second.legacyID = 125_900_311
        let people = Self.register([first, second])
        let evidence = NearIDEvidence.Kind.allCases.map { NearIDEvidence(kind: $0, m: 0.9, u: 1e-4) }
        let matcher = await Self.matcher(people, near: evidence)
        let blind = await Self.matcher(people)
        for field in ["0270900000123", "02709000123", "1253780466", "12537846", "125378047"] {
            let record = Self.record(Fixture.anAn, 19_900_715, commune: 9_187, idField: field)
            #expect(blind.match(record).decision != .automatic, "\(field)")
            let outcome = matcher.match(record)
            #expect(outcome.decision == .automatic && outcome.person == Int32(people.count - 2), "\(field)")
            #expect(outcome.idWeight > 0, "\(field)")
        }
    }

    @Test("between two namesakes born the same day, a mistyped ID links the one it is a keystroke from")
    func mistypedIDDecidesBetweenNamesakes() async {
        let first = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123)
        let second = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_555_888)
        let people = Self.register([first, second])
        let record = Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_124)

        let blind = await Self.matcher(people, near: []).match(record)
        #expect(blind.idStatus == .unknown)
        #expect(blind.decision == .review)

        let outcome = await Self.matcher(people, near: [Self.evidence]).match(record)
        #expect(outcome.decision == .automatic)
        #expect(outcome.person == Int32(people.count - 2))
        #expect(outcome.idWeight == Self.evidence.agreement)
        // The namesake one keystroke from nothing loses the ID's weight against it.
        #expect(outcome.secondScore < outcome.score - Self.evidence.agreement + Self.evidence.disagreement + 0.01)
    }

    @Test("a person no blocking key reaches (a typo in the given name and the wrong year) is still scored through the ID")
    func mistypedIDFindsWhatBlockingMisses() async {
        let target = Self.person("Trần Thị Bình", 19_920_302, commune: 9_187, id: 27_192_000_456)
        let people = Self.register([target])
        let record = Self.record("Trần Thị Bìh", 19_930_302, commune: 9_187, id: 27_192_000_465)
        #expect(await Self.matcher(people, near: []).match(record).bestCandidate != Int32(people.count - 1))
        let outcome = await Self.matcher(people, near: [Self.evidence]).match(record)
        #expect(outcome.bestCandidate == Int32(people.count - 1))
        #expect(outcome.idWeight > 0)
    }

    @Test("an ID a keystroke from someone whose name and date both disagree does not link them")
    func nearIDAloneDoesNotLink() async {
        let stranger = Self.person("Lê Thị Hoa", 19_750_101, commune: 9_187, id: 27_175_000_321)
        let people = Self.register([stranger])
        let outcome = await Self.matcher(people, near: [Self.evidence]).match(Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_175_000_322))
        #expect(outcome.decision != .automatic || outcome.person != Int32(people.count - 1))
    }

    @Test("an ID that is a keystroke from nobody weighs against every candidate, and an ID in the register takes no part")
    func farOrKnownIDs() async {
        let target = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123)
        let people = Self.register([target])
        let matcher = await Self.matcher(people, near: [Self.evidence])
        let far = matcher.match(Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_999_999))
        #expect(far.person == Int32(people.count - 1))
        #expect(far.idWeight == Self.evidence.disagreement && far.idWeight < 0)
        let known = matcher.match(Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123))
        #expect(known.method == .citizenID && known.idWeight == 0)
        var noID = Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 0)
        noID.idKind = .none
        #expect(matcher.match(noID).idWeight == 0)
    }
}
