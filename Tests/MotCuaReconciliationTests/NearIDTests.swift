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
        return record
    }

    /// The fixture's matcher over `people`, their IDs indexed, with or without near-ID weights.
    private static func matcher(_ people: [RegisterPerson], near: NearIDEvidence?) async -> Matcher {
        var matcher = await Fixture.matcher(people)
        var index = IDIndex(capacity: people.count)
        for (position, person) in people.enumerated() { index.insert(person.citizenID, Int32(position)) }
        matcher = Matcher(
            people: matcher.people, frequencies: matcher.frequencies, candidates: matcher.candidates, idIndex: index, legacyIndex: matcher.legacyIndex,
            blocking: matcher.blocking, model: matcher.model, thresholds: matcher.thresholds, absentWeight: matcher.absentWeight, nearID: near)
        return matcher
    }

    /// The fixture's register with IDs that are far apart (a step of 7,919 in the last six digits).
    private static func register(_ extra: [RegisterPerson]) -> [RegisterPerson] {
        Fixture.register([]).enumerated().map { position, person in
            var person = person
            person.citizenID = 27_000_000_000 + UInt64(position) * 7_919
            return person
        } + extra
    }

    private static let evidence = NearIDEvidence(m: 0.9, u: 1e-4)

    @Test("every number one keystroke from an ID is visited: each digit replaced, each pair of neighbouring digits swapped")
    func neighbours() {
        var seen = Set<UInt64>()
        NearIDEvidence.forEachNeighbour(of: 27_090_000_123) { seen.insert($0) }
        // 12 × 9 replacements; swaps only of different neighbours: 0-2, 2-7, 7-0, 0-9, 9-0, 0-1, 1-2, 2-3.
        #expect(seen.count == 108 + 8)
        #expect(seen.allSatisfy { $0 < 1_000_000_000_000 && $0 != 27_090_000_123 })
        #expect(NearIDEvidence.isOneKeystroke(27_090_000_123, 27_090_000_128))
        #expect(NearIDEvidence.isOneKeystroke(27_090_000_123, 27_090_000_132))
        #expect(NearIDEvidence.isOneKeystroke(27_090_000_123, 127_090_000_123))
        #expect(!NearIDEvidence.isOneKeystroke(27_090_000_123, 27_090_000_128 + 10))
        #expect(!NearIDEvidence.isOneKeystroke(27_090_000_123, 27_090_000_123))
    }

    @Test("between two namesakes born the same day, a mistyped ID links the one it is a keystroke from")
    func mistypedIDDecidesBetweenNamesakes() async {
        let first = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123)
        let second = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_555_888)
        let people = Self.register([first, second])
        let record = Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_124)

        let blind = await Self.matcher(people, near: nil).match(record)
        #expect(blind.idStatus == .unknown)
        #expect(blind.decision == .review)

        let outcome = await Self.matcher(people, near: Self.evidence).match(record)
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
        #expect(await Self.matcher(people, near: nil).match(record).bestCandidate != Int32(people.count - 1))
        let outcome = await Self.matcher(people, near: Self.evidence).match(record)
        #expect(outcome.bestCandidate == Int32(people.count - 1))
        #expect(outcome.idWeight > 0)
    }

    @Test("an ID a keystroke from someone whose name and date both disagree does not link them")
    func nearIDAloneDoesNotLink() async {
        let stranger = Self.person("Lê Thị Hoa", 19_750_101, commune: 9_187, id: 27_175_000_321)
        let people = Self.register([stranger])
        let outcome = await Self.matcher(people, near: Self.evidence).match(Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_175_000_322))
        #expect(outcome.decision != .automatic || outcome.person != Int32(people.count - 1))
    }

    @Test("an ID read from ten or eleven digits is not searched as a mistyped one: it may be an old ID with digits too many")
    func zeroPaddedIDsAreNotSearched() {
        func read(_ text: String) -> (kind: SourceRecord.IDKind, id: UInt64, zeroPadded: Bool) {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { FieldParsing.sourceID($0, FieldSlice(start: 0, end: bytes.count, escaped: false), field: 0) }
        }
        let padded = read("1250000011")
        #expect(padded.kind == .citizen && padded.zeroPadded)
        #expect(!read("027090000123").zeroPadded)
        var record = Self.record(Fixture.anAn, 19_900_715, commune: 9_187, id: padded.id)
        #expect(NearIDEvidence.applies(record, status: .unknown))
        record.idZeroPadded = true
        #expect(!NearIDEvidence.applies(record, status: .unknown))
    }

    @Test("an ID that is a keystroke from nobody weighs against every candidate, and an ID in the register takes no part")
    func farOrKnownIDs() async {
        let target = Self.person(Fixture.anAn, 19_900_715, commune: 9_187, id: 27_090_000_123)
        let people = Self.register([target])
        let matcher = await Self.matcher(people, near: Self.evidence)
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
