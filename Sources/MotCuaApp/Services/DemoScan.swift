import Foundation
import MotCuaDomain
import MotCuaStorage

/// The scanned components of `motcua demo populate`. One sample image (a QR code reading "sample scan, demo
/// data") is checked by the document inspector and stored once in the blob store, as an upload is; every
/// populated scan is a record of that content (the store keeps one copy per content, as it does for any
/// repeated upload), filed for a component by `DossierWorkflow.digitise` — the same component change and
/// `digitise_component` history entry as `DocumentService.upload` — so downloads, the personal archive and
/// indicator 4.2 treat it like a real scan.
struct DemoScan {
    let digest: BlobDigest
    let inspection: DocumentInspection

    static let text = "Bản quét mẫu — dữ liệu trình diễn MotCua / sample scan, demo data"

    /// Checks the sample and stores it in the configured blob store.
    static func store(_ configuration: AppConfiguration) async throws -> DemoScan {
        let bytes = try QRCode(text: text).png(scale: 4, border: 4)
        let inspection = try DocumentInspector.inspect(bytes, declared: .png)
        let blobs = try FileSystemBlobStore(root: URL(fileURLWithPath: configuration.documentDirectory))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-demo-scan-\(UUID().uuidString).png")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let stored = try await blobs.put(contentsOf: file)
        return DemoScan(digest: stored.digest, inspection: inspection)
    }

    /// Files a scan for each of the dossier's components still to be provided on paper (not reused, not from a
    /// registry), appending the history entries; returns the records to write with the dossier.
    func file(_ dossier: inout Dossier, entries: inout [HistoryEntry], by actor: Actor, at: Date, random: inout SplitMix64) throws -> [DigitisedDocument] {
        let kind: DigitisedDocument.ActorKind
        if case .citizen = actor { kind = .citizen } else { kind = .official }
        var documents: [DigitisedDocument] = []
        for component in dossier.components where component.state != .reused && component.state != .fromRegistry {
            let document = DigitisedDocument(
                id: UUID(uuid: DemoPopulation.uuid(&random)), digest: digest, inspection: inspection, dossierCode: dossier.code,
                componentCode: component.code, digitisedByKind: kind, digitisedBy: actor.id, digitisedAt: at)
            let record = ScanRecord(documentID: document.id, sha256: digest.hex, mediaType: inspection.mediaType, pages: inspection.pages)
            let (next, entry) = try DossierWorkflow.digitise(record, componentCode: component.code, of: dossier, by: actor, at: at)
            dossier = next
            entries.append(entry)
            documents.append(document)
        }
        return documents
    }
}
