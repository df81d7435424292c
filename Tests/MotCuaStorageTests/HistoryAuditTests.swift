import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@Suite("History audit")
struct HistoryAuditTests {
    @Test("Verification names the dossier and the first broken link when history was tampered with behind the triggers", arguments: TestDatabase.backends)
    func tamperedHistoryIsFound(backend: TestDatabase) async throws {
        let reference = try Fixtures.reference()
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: DossierWorkflow(calendar: reference.calendar))
        let commune = try #require(reference.agencies.agencies.first { $0.kind == .commune })
        let procedure = try #require(reference.catalogue.procedures.first { $0.level == .commune })
        let plans = try (0..<3).map { _ in
            try intake.plan(
                DossierRequest(
                    procedureCode: procedure.code, agencyID: commune.id, applicantID: "027090001234", applicantName: "Lê Thị Hoa",
                    channel: .counter, formData: [:],
                    components: procedure.components.filter { $0.required && $0.registrySource == nil }.map { .init(code: $0.code, reference: "f") }),
                by: .official(id: "o", role: .receptionOfficer, agencyID: commune.id), at: Date())
        }
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            var created: [Dossier] = []
            for plan in plans { created.append(try await repository.create(plan, idempotency: nil)) }
            #expect(try await repository.verifyHistory(progress: nil).breaks.isEmpty)
            // given someone with database rights who disables the guard and rewrites an entry
            let victim = created[1]
            try await store.withWriteConnection { database in
                switch store.kind {
                case .sqlite:
                    try await database.raw("DROP TRIGGER dossier_history_no_update").run()
                case .postgres:
                    try await database.raw("ALTER TABLE dossier_history DISABLE TRIGGER dossier_history_no_change").run()
                }
                try await database.raw(
                    "UPDATE dossier_history SET actor_id = 'someone-else' WHERE dossier_id = \(bind: victim.id.uuidString.lowercased())"
                ).run()
            }
            // then the audit finds exactly that dossier and its first entry
            let audit = try await repository.verifyHistory(progress: nil)
            #expect(audit.dossiersChecked == 3)
            #expect(audit.breaks.count == 1)
            #expect(audit.breaks.first?.code == victim.code)
            #expect(audit.breaks.first?.chainBreak.sequence == 1)
        }
    }
}
