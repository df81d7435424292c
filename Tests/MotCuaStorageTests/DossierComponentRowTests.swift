import Foundation
import Logging
import MotCuaDomain
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaStorage

@Suite("Per-component rows of dossiers (zero-paper score)")
struct DossierComponentRowTests {
    struct Row: Hashable {
        let dossier: String
        let code: String
        let month: String
        let required: Int
        let source: String
    }

    static func rows(_ store: any SQLStore) async throws -> [Row] {
        try await store.read { database in
            try await database.raw(
                "SELECT dossier_id, component_code, month, required, source FROM dossier_components ORDER BY dossier_id, component_code"
            ).all().map {
                Row(
                    dossier: try $0.decode(column: "dossier_id", as: String.self), code: try $0.decode(column: "component_code", as: String.self),
                    month: try $0.decode(column: "month", as: String.self), required: try $0.decode(column: "required", as: Int.self),
                    source: try $0.decode(column: "source", as: String.self))
            }
        }
    }

    @Test("Rows are written with the receipt in Vietnam months, follow a scan, and the migration's backfill rebuilds them identically", arguments: TestDatabase.backends)
    func writtenUpdatedAndBackfilled(backend: TestDatabase) async throws {
        let reference = try Fixtures.reference()
        let workflow = DossierWorkflow(calendar: reference.calendar)
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: workflow)
        let commune = try #require(reference.agencies.agencies.first { $0.kind == .commune })
        let birth = try #require(reference.catalogue.procedure(code: "1.001193"))
        let officer = Actor.official(id: "officer", role: .receptionOfficer, agencyID: commune.id)
        func plan(at date: Date) throws -> DossierPlan {
            let request = DossierRequest(
                procedureCode: birth.code, agencyID: commune.id, applicantID: "027090001234", applicantName: "Nguyễn Văn An",
                channel: .counter, formData: [:],
                components: [.init(code: "declaration", reference: "eform"), .init(code: "birth_certificate", reference: "bản chính")])
            return try intake.plan(request, by: officer, at: date)
        }
        // 30 November 17:30 UTC is 1 December 00:30 in Vietnam.
        let december = try plan(at: Date(timeIntervalSince1970: 1_796_059_800))
        let november = try plan(at: Date(timeIntervalSince1970: 1_796_059_800 - 3_600))
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDossierRepository(store: store)
            let a = try await repository.create(december, idempotency: nil)
            _ = try await repository.create(november, idempotency: nil)
            var rows = try await Self.rows(store)
            #expect(rows.count == 8)
            let ofA = rows.filter { $0.dossier == a.id.uuidString.lowercased() }
            #expect(ofA.map(\.month) == Array(repeating: "2026-12", count: 4))
            #expect(Set(rows.map(\.month)) == ["2026-11", "2026-12"])
            #expect(ofA.map(\.source) == ["paper", "eform", "pending", "pending"], "birth_certificate, declaration, parents_marriage, requester_id")
            #expect(ofA.map(\.required) == [1, 1, 0, 1])

            // A scan filed for the paper moves its row, in the same transaction as the dossier.
            let scan = ScanRecord(documentID: UUID(), sha256: String(repeating: "a", count: 64), mediaType: .pdf, pages: 1)
            _ = try await repository.transition(code: a.code, idempotency: nil) { current in
                try DossierWorkflow.digitise(scan, componentCode: "birth_certificate", of: current, by: officer, at: Date())
            }
            rows = try await Self.rows(store)
            #expect(rows.first { $0.dossier == a.id.uuidString.lowercased() && $0.code == "birth_certificate" }?.source == "scan")

            // The backfill of the migration, run again over the same dossiers, rebuilds exactly these rows.
            try await store.withWriteConnection { database in
                try await database.raw("DROP TABLE dossier_components").run()
                for statement in Migrations.dossierComponents.statements(for: store.kind) {
                    try await database.raw(SQLQueryString(statement)).run()
                }
            }
            #expect(try await Self.rows(store) == rows)

            let counts = try await SQLZeroPaperReport(store: store).counts(from: "2026-11", to: "2026-12", agencyID: commune.id, procedureCode: nil)
            #expect(counts.map(\.month) == ["2026-11", "2026-12"])
            #expect(counts.map(\.scan) == [0, 1] && counts.map(\.paper) == [1, 0] && counts.map(\.eform) == [1, 1])
            #expect(counts.map(\.digitisedDossiers) == [0, 1] && counts.map(\.dossiers) == [1, 1])
        }
    }
}
