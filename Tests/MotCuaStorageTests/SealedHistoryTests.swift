import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

/// The history against someone who can write the database: keyed seals and anchors kept verifiable with a
/// key outside it.
@Suite("Sealed history")
struct SealedHistoryTests {
    let seal = HistorySeal(key: Data(repeating: 42, count: 32))

    private func plans(_ count: Int) throws -> [DossierPlan] {
        let reference = try Fixtures.reference()
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: DossierWorkflow(calendar: reference.calendar))
        let commune = try #require(reference.agencies.agencies.first { $0.kind == .commune })
        let procedure = try #require(reference.catalogue.procedures.first { $0.level == .commune })
        return try (0..<count).map { _ in
            try intake.plan(
                DossierRequest(
                    procedureCode: procedure.code, agencyID: commune.id, applicantID: "027090001234", applicantName: "Lê Thị Hoa",
                    channel: .counter, formData: [:],
                    components: procedure.components.filter { $0.required && $0.registrySource == nil }.map { .init(code: $0.code, reference: "f") }),
                by: .official(id: "o", role: .receptionOfficer, agencyID: commune.id), at: Date())
        }
    }

    /// What a hostile administrator does: lifts the guard and rewrites a dossier's first entry, recomputing
    /// every plain SHA-256 link after it and the dossier's head, so that the unkeyed chain verifies.
    private func rewriteConsistently(_ dossier: Dossier, store: any SQLStore, repository: SQLDossierRepository) async throws {
        let chain = try await repository.history(dossierID: dossier.id)
        var previous = HashChain.genesis(for: dossier.id)
        var rewritten: [HistoryEntry] = []
        for (index, entry) in chain.enumerated() {
            let forged = HistoryEntry(
                dossierID: entry.dossierID, sequence: entry.sequence, action: entry.action,
                actorID: index == 0 ? "someone-else" : entry.actorID, actorRole: entry.actorRole, actorAgencyID: entry.actorAgencyID,
                at: entry.at, statusBefore: entry.statusBefore, statusAfter: entry.statusAfter, stepBefore: entry.stepBefore,
                stepAfter: entry.stepAfter, note: entry.note, previousHash: previous, hash: nil)
            rewritten.append(forged)
            previous = forged.hash
        }
        let forgedChain = rewritten
        let head = previous
        try await store.withWriteConnection { database in
            switch store.kind {
            case .sqlite: try await database.raw("DROP TRIGGER dossier_history_no_update").run()
            case .postgres: try await database.raw("ALTER TABLE dossier_history DISABLE TRIGGER dossier_history_no_change").run()
            }
            for entry in forgedChain {
                try await database.raw(
                    """
                    UPDATE dossier_history SET actor_id = \(bind: entry.actorID), previous_hash = \(bind: entry.previousHash), \
                    hash = \(bind: entry.hash) WHERE dossier_id = \(bind: entry.dossierID.uuidString.lowercased()) AND seq = \(bind: entry.sequence)
                    """
                ).run()
            }
            try await database.raw(
                "UPDATE dossiers SET history_head = \(bind: head) WHERE id = \(bind: dossier.id.uuidString.lowercased())"
            ).run()
        }
    }

    @Test("A chain rewritten consistently with plain SHA-256 passes the unkeyed check but not the keyed one", arguments: TestDatabase.backends)
    func rewrittenChainIsCaught(backend: TestDatabase) async throws {
        let plans = try plans(3)
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store, seal: seal)
            var created: [Dossier] = []
            for plan in plans { created.append(try await repository.create(plan, idempotency: nil)) }
            #expect(try await repository.verifyHistory(seal: seal, progress: nil).breaks.isEmpty)
            try await rewriteConsistently(created[1], store: store, repository: repository)
            // the plain chain is consistent again: only the key shows the rewrite
            #expect(try await repository.verifyHistory(seal: nil, progress: nil).breaks.isEmpty)
            let audit = try await repository.verifyHistory(seal: seal, progress: nil)
            #expect(audit.breaks.map(\.code) == [created[1].code])
            #expect(audit.breaks.first?.chainBreak.sequence == 1)
            // a forger who also clears the seals is caught too: unsealed entries need an anchor
            let victim = created[1].id.uuidString.lowercased()
            try await store.withWriteConnection { database in
                try await database.raw("UPDATE dossier_history SET seal = NULL WHERE dossier_id = \(bind: victim)").run()
            }
            #expect(try await repository.verifyHistory(seal: seal, progress: nil).breaks.map(\.code) == [created[1].code])
        }
    }

    @Test("Chains written before the key are anchored once, stay verifiable, and a later rewrite of them is caught", arguments: TestDatabase.backends)
    func legacyChainsAreAnchored(backend: TestDatabase) async throws {
        let plans = try plans(2)
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            // given dossiers written before the platform had a history key
            let legacy = SQLDossierRepository(store: store)
            var created: [Dossier] = []
            for plan in plans { created.append(try await legacy.create(plan, idempotency: nil)) }
            let keyed = SQLDossierRepository(store: store, seal: seal)
            #expect(try await keyed.verifyHistory(seal: seal, progress: nil).breaks.count == 2)
            // when the key is introduced, their heads are anchored (once)
            #expect(try await keyed.anchorUnsealedHistory(seal: seal, at: Date()) == 2)
            #expect(try await keyed.anchorUnsealedHistory(seal: seal, at: Date()) == 0)
            #expect(try await keyed.verifyHistory(seal: seal, progress: nil).breaks.isEmpty)
            // then a legacy chain rewritten consistently is caught by its anchor
            try await rewriteConsistently(created[0], store: store, repository: keyed)
            #expect(try await keyed.verifyHistory(seal: seal, progress: nil).breaks.map(\.code) == [created[0].code])
        }
    }

    @Test("TRUNCATE cannot empty the append-only tables on PostgreSQL", arguments: TestDatabase.backends.filter { $0 == .postgres })
    func truncateIsRefused(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            for table in ["dossier_history", "registry_access_log", "finding_decisions", "history_key_anchors"] {
                await #expect(throws: (any Error).self, "\(table)") {
                    try await store.withWriteConnection { database in try await database.raw("TRUNCATE \(unsafeRaw: table)").run() }
                }
            }
        }
    }
}
