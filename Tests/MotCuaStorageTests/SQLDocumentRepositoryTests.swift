import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@Suite("Digitised document records")
struct SQLDocumentRepositoryTests {
    static let digest = BlobDigest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!

    static func document(
        _ component: String, dossier: String = "G01.09187-261130-0001", at: Date, pdfPages: Int? = nil, digest: BlobDigest = digest
    ) -> DigitisedDocument {
        let inspection =
            pdfPages.map { DocumentInspection(mediaType: .pdf, size: 48_213, pages: $0) }
            ?? DocumentInspection(mediaType: .jpeg, size: 1_537, pages: 1, width: 2_480, height: 3_508)
        return DigitisedDocument(
            digest: digest, inspection: inspection, dossierCode: dossier, componentCode: component, digitisedByKind: .official,
            digitisedBy: "kinhbac.tiepnhan", digitisedAt: at)
    }

    @Test("Records are stored and read back whole, listed per dossier and component oldest first", arguments: TestDatabase.backends)
    func recordAndList(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDocumentRepository(store: store)
            let start = Date(timeIntervalSince1970: 1_780_000_000.123)
            let other = BlobDigest(hex: String(repeating: "0f", count: 32))!
            let records = [
                Self.document("birth_certificate", at: start.addingTimeInterval(60), pdfPages: 3),
                Self.document("identity_card", at: start),
                Self.document("birth_certificate", at: start.addingTimeInterval(30), digest: other),
                Self.document("birth_certificate", dossier: "G01.09187-261130-0002", at: start),
            ]
            for record in records { try await repository.record(record) }
            let stored = try #require(try await repository.find(id: records[0].id))
            #expect(stored == records[0])
            #expect(try await repository.find(id: records[1].id) == records[1])
            #expect(try await repository.find(id: UUID()) == nil)
            #expect(try await repository.list(dossierCode: "G01.09187-261130-0001").map(\.id) == [records[1].id, records[2].id, records[0].id])
            #expect(
                try await repository.list(dossierCode: "G01.09187-261130-0001", componentCode: "birth_certificate").map(\.id)
                    == [records[2].id, records[0].id])
            #expect(try await repository.list(dossierCode: "G99").isEmpty)
            #expect(try await repository.references(to: Self.digest) == 3)
            #expect(try await repository.references(to: other) == 1)
        }
    }

    @Test("The database refuses a second record with the same id and impossible values", arguments: TestDatabase.backends)
    func constraints(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let repository = SQLDocumentRepository(store: store)
            let record = Self.document("identity_card", at: Date(timeIntervalSince1970: 1_780_000_000))
            try await repository.record(record)
            await #expect(throws: (any Error).self) { try await repository.record(record) }
            await #expect(throws: (any Error).self) {
                try await store.write(lane: "documents") { database in
                    try await database.raw(
                        """
                        INSERT INTO digitised_documents (id, sha256, media_type, size_bytes, pages, dossier_code, component_code, \
                        digitised_by_kind, digitised_by, digitised_at) VALUES ('x', \(bind: Self.digest.hex), 'image/gif', 10, 1, \
                        'd', 'c', 'official', 'a', 0)
                        """
                    ).run()
                }
            }
            #expect(try await repository.list(dossierCode: record.dossierCode) == [record])
        }
    }
}
