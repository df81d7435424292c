import Foundation
import MotCuaDomain
import Testing

@Suite("History hash chain")
struct HashChainTests {
    func chain(_ count: Int) -> (UUID, [HistoryEntry]) {
        let id = UUID()
        var previous = HashChain.genesis(for: id)
        var entries: [HistoryEntry] = []
        for index in 1...count {
            let entry = HistoryEntry(
                dossierID: id, sequence: index, action: "a\(index)", actor: .official(id: "o", role: .leader, agencyID: "x"),
                at: Date(timeIntervalSince1970: 1_780_000_000.1234 + Double(index)), statusBefore: .received, statusAfter: .inProcess,
                stepBefore: .receipt, stepAfter: .appraisal, note: "Ghi chú \(index)", previousHash: previous)
            previous = entry.hash
            entries.append(entry)
        }
        return (id, entries)
    }

    @Test("An intact chain verifies, including after a millisecond round trip of its dates")
    func intactChainVerifies() {
        let (id, entries) = chain(5)
        #expect(HashChain.verify(entries, dossierID: id) == nil)
        let reloaded = entries.map {
            HistoryEntry(
                dossierID: $0.dossierID, sequence: $0.sequence, action: $0.action, actorID: $0.actorID, actorRole: $0.actorRole,
                actorAgencyID: $0.actorAgencyID, at: Date(timeIntervalSince1970: Double(HashChain.milliseconds($0.at)) / 1000),
                statusBefore: $0.statusBefore, statusAfter: $0.statusAfter, stepBefore: $0.stepBefore, stepAfter: $0.stepAfter,
                note: $0.note, previousHash: $0.previousHash, hash: $0.hash)
        }
        #expect(HashChain.verify(reloaded, dossierID: id) == nil)
    }

    @Test("Changing, removing or reordering an entry names the first broken link")
    func tamperingIsLocated() {
        let (id, entries) = chain(5)
        var changed = entries
        let e = entries[2]
        changed[2] = HistoryEntry(
            dossierID: e.dossierID, sequence: e.sequence, action: "approve", actorID: e.actorID, actorRole: e.actorRole,
            actorAgencyID: e.actorAgencyID, at: e.at, statusBefore: e.statusBefore, statusAfter: e.statusAfter,
            stepBefore: e.stepBefore, stepAfter: e.stepAfter, note: e.note, previousHash: e.previousHash, hash: e.hash)
        #expect(HashChain.verify(changed, dossierID: id)?.sequence == 3)
        var removed = entries
        removed.remove(at: 1)
        #expect(HashChain.verify(removed, dossierID: id)?.sequence == 2)
        #expect(HashChain.verify(Array(entries.reversed()), dossierID: id)?.sequence == 1)
        #expect(HashChain.verify(entries, dossierID: UUID())?.sequence == 1)
    }
}
