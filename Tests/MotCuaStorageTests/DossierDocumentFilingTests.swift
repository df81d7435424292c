import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

/// A scan's record and the dossier change that points a component at it are one transaction.
@Suite("Filing a scan with its dossier change")
struct DossierDocumentFilingTests {
    static func document(for dossier: Dossier, component: String, id: UUID = UUID()) -> DigitisedDocument {
        DigitisedDocument(
            id: id, digest: BlobDigest(hex: String(repeating: "0f", count: 32))!,
            inspection: DocumentInspection(mediaType: .pdf, size: 1_234, pages: 1), dossierCode: dossier.code, componentCode: component,
            digitisedByKind: .official, digitisedBy: "officer", digitisedAt: Date(timeIntervalSince1970: 1_780_000_000))
    }

    @Test("Record, component and history are written together; a refused change or a failed insert writes none of them", arguments: TestDatabase.backends)
    func allOrNothing(backend: TestDatabase) async throws {
        let fixture = try SQLDossierRepositoryTests()
        let plan = try fixture.plan()
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let dossiers = SQLDossierRepository(store: store)
            let records = SQLDocumentRepository(store: store)
            let dossier = try await dossiers.create(plan, idempotency: nil)
            let component = try #require(dossier.components.first { $0.required }).code
            let actor = Actor.official(id: "officer", role: .receptionOfficer, agencyID: dossier.receivingAgencyID)

            // The rule refuses inside the transaction (the dossier closed meanwhile, say): no record, no change.
            let refused = Self.document(for: dossier, component: component)
            await #expect(throws: TransitionError.self) {
                try await dossiers.file(refused) { _ in throw TransitionError(.conflict, "closed meanwhile") }
            }
            #expect(try await records.find(id: refused.id) == nil)
            #expect(try await dossiers.find(code: dossier.code)?.version == dossier.version)

            // Filed: the record exists, the component points at it, the history has the entry.
            let filed = Self.document(for: dossier, component: component)
            let scan = ScanRecord(documentID: filed.id, sha256: filed.digest.hex, mediaType: .pdf, pages: 1)
            let next = try await dossiers.file(filed) { current in
                try DossierWorkflow.digitise(scan, componentCode: component, of: current, by: actor, at: Date())
            }
            #expect(try await records.find(id: filed.id) == filed)
            #expect(next.components.first { $0.code == component }?.reference == scan.reference)
            #expect(try await dossiers.history(dossierID: dossier.id).last?.action == "digitise_component")

            // The record cannot be written (its id is taken): the dossier change is rolled back with it.
            let clash = Self.document(for: dossier, component: component, id: filed.id)
            let again = ScanRecord(documentID: clash.id, sha256: clash.digest.hex, mediaType: .pdf, pages: 1)
            await #expect(throws: (any Error).self) {
                try await dossiers.file(clash) { current in
                    try DossierWorkflow.digitise(again, componentCode: component, of: current, by: actor, at: Date())
                }
            }
            #expect(try await dossiers.find(code: dossier.code)?.version == next.version)
            #expect(try await dossiers.history(dossierID: dossier.id).count == next.version)
        }
    }
}
