import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// The blocking index's copies of candidate entries in block order, and the huge-page-advised arrays they and the
/// other large tables live in: a faster layout, never a different answer.
@Suite struct GatheredBlocksTests {
    @Test func blockOrderedCopiesLeaveEverySearchAsItWas() async {
        let people = PosteriorDecisionTests.register([])
        let plain = await PosteriorDecisionTests.matcher(people)
        var blocking = plain.blocking
        await blocking.gather(plain.candidates, parallelism: 2)
        let gathered = Matcher(
            people: people, frequencies: plain.frequencies, candidates: plain.candidates, idIndex: plain.idIndex, legacyIndex: plain.legacyIndex,
            blocking: blocking, model: plain.model, thresholds: plain.thresholds, absentWeight: plain.absentWeight)
        var searched = 0
        for (index, person) in people.enumerated() where index % 7 == 0 {
            // The person as recorded, with a year-only date, without a date, without a sex, and with a misspelt given name.
            var misspelt = person.name
            misspelt.given &+= 1
            let year = PackedDate.make(Int(PackedDate.year(person.dateOfBirth)), 0, 0)
            for (name, date, sex) in [
                (person.name, person.dateOfBirth, person.sex), (person.name, year, person.sex), (person.name, 0, person.sex),
                (person.name, person.dateOfBirth, 0), (misspelt, person.dateOfBirth, person.sex),
            ] {
                let record = SourceRecord(
                    idKind: .none, citizenID: 0, legacyID: 0, name: name, dateOfBirth: date, eventDate: 0, commune: person.commune,
                    communeAlternative: 0, contentHash: 0, offset: 0, sex: sex, event: 0)
                let before = plain.search(record, excluding: -1)
                let after = gathered.search(record, excluding: -1)
                #expect(after.best == before.best && after.bestScore == before.bestScore && after.second == before.second)
                #expect(after.candidates == before.candidates && after.alternatives == before.alternatives && after.unseen == before.unseen)
                if before.best >= 0 { searched += 1 }
            }
        }
        #expect(searched > 1_000)
    }

    @Test func hugePagedArraysHoldWhatTheyWereGiven() {
        let filled: [UInt64] = .hugePaged(repeating: 7, count: 3 << 20)
        #expect(filled.count == 3 << 20 && filled.allSatisfy { $0 == 7 })
        var grown: [Int32] = .hugePaged(capacity: 1 << 20)
        #expect(grown.isEmpty && grown.capacity >= 1 << 20)
        for value in 0..<Int32(1 << 20) { grown.append(value) }
        #expect(grown.count == 1 << 20 && grown[12_345] == 12_345)
        let small: [UInt8] = .hugePaged(repeating: 1, count: 3)
        #expect(small == [1, 1, 1])
    }
}
