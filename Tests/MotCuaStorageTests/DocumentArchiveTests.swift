import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@Suite("Filing scanned documents")
struct DocumentArchiveTests {
    static func sample(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("documents/\(name)")
    }

    @Test("A checked scan is stored once by content and recorded per component; a refused one leaves nothing", arguments: TestDatabase.backends)
    func fileAndRefuse(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-archive-" + UUID().uuidString)
            let blobs = try FileSystemBlobStore(root: root)
            let records = SQLDocumentRepository(store: store)
            let archive = DocumentArchive(blobs: blobs, records: records)
            let at = Date(timeIntervalSince1970: 1_780_000_000)
            let dossier = "G01.09187-261130-0001"

            let pdf = try await archive.file(
                Self.sample("ghostscript-three-pages.pdf"), declared: DocumentMediaType(declared: "khai-sinh.pdf"), dossierCode: dossier,
                componentCode: "birth_declaration", by: .official, actorID: "kinhbac.tiepnhan", at: at)
            #expect(pdf.mediaType == .pdf && pdf.pages == 3 && pdf.width == nil)
            #expect(try await blobs.exists(pdf.digest))
            // The same scan attached to a second component: a second record, no second copy.
            let again = try await archive.file(
                Self.sample("ghostscript-three-pages.pdf"), declared: nil, dossierCode: dossier, componentCode: "marriage_certificate",
                by: .citizen, actorID: "027090001234", at: at.addingTimeInterval(1))
            #expect(again.digest == pdf.digest && again.id != pdf.id)
            #expect(try await records.references(to: pdf.digest) == 2)
            let jpeg = try await archive.file(
                Self.sample("pillow-rgb.jpg"), declared: .jpeg, dossierCode: dossier, componentCode: "identity_card", by: .official,
                actorID: "kinhbac.tiepnhan", at: at.addingTimeInterval(2))
            #expect(jpeg.width == 120 && jpeg.height == 80 && jpeg.pages == 1)

            // Refused: encrypted, and a JPEG named as a PDF. Nothing recorded, nothing new stored.
            let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
            await #expect(throws: DocumentCheckError.self) {
                try await archive.file(
                    Self.sample("ghostscript-encrypted.pdf"), declared: .pdf, dossierCode: dossier, componentCode: "birth_declaration",
                    by: .official, actorID: "kinhbac.tiepnhan", at: at)
            }
            do {
                _ = try await archive.file(
                    Self.sample("pillow-rgb.jpg"), declared: DocumentMediaType(declared: "scan.pdf"), dossierCode: dossier,
                    componentCode: "birth_declaration", by: .official, actorID: "kinhbac.tiepnhan", at: at)
                Issue.record("a JPEG named .pdf was filed")
            } catch let error as DocumentCheckError {
                #expect(error.reason == .typeMismatch)
            }
            #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == before)
            #expect(try await records.list(dossierCode: dossier).map(\.id) == [pdf.id, again.id, jpeg.id])
        }
    }
}
