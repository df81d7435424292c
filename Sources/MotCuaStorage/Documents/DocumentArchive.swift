import Foundation
import MotCuaDomain

/// Files a scanned component: checks the content, stores it in the blob store and records its metadata, in
/// that order, so a refused file leaves nothing behind and a record never points at missing content.
///
/// The caller has already decided that the actor may add this component to this dossier (access policy,
/// dossier state, the procedure's component list); the archive only files what it is given.
public struct DocumentArchive: Sendable {
    let blobs: any BlobStore
    let records: SQLDocumentRepository
    let limits: DocumentLimits

    public init(blobs: any BlobStore, records: SQLDocumentRepository, limits: DocumentLimits = DocumentLimits()) {
        self.blobs = blobs
        self.records = records
        self.limits = limits
    }

    /// Checks and files the content of `file` (an upload already spooled to disk).
    /// - Parameter declared: the type the client claimed (media type or file name), compared with the content.
    /// - Throws: `DocumentCheckError` for content that is refused; storage errors otherwise.
    public func file(
        _ file: URL, declared: DocumentMediaType?, dossierCode: String, componentCode: String,
        by kind: DigitisedDocument.ActorKind, actorID: String, at now: Date
    ) async throws -> DigitisedDocument {
        let records = records
        return try await self.file(
            file, declared: declared, dossierCode: dossierCode, componentCode: componentCode, by: kind, actorID: actorID, at: now,
            record: { try await records.record($0) })
    }

    /// Checks and stores the content like ``file(_:declared:dossierCode:componentCode:by:actorID:at:)``, then
    /// hands the metadata to `record`, which writes it (with whatever else belongs to the same transaction,
    /// such as the dossier's component pointing at it). When `record` fails the content stays in the store,
    /// unreferenced, and nothing points at it.
    public func file(
        _ file: URL, declared: DocumentMediaType?, dossierCode: String, componentCode: String,
        by kind: DigitisedDocument.ActorKind, actorID: String, at now: Date,
        record: @Sendable (DigitisedDocument) async throws -> Void
    ) async throws -> DigitisedDocument {
        // Mapped, not read: a 20 MB scan is checked without 20 MB of heap; off the cooperative pool, at low priority.
        let limits = limits
        let inspection = try await BlockingFileWork.run {
            let content = try Data(contentsOf: file, options: .alwaysMapped)
            return try content.withUnsafeBytes { try DocumentInspector.inspect($0, declared: declared, limits: limits) }
        }
        let stored = try await blobs.put(contentsOf: file)
        // The content changed on disk between the check and the copy: what is stored is not what was checked.
        guard stored.size == inspection.size else { throw BlobStoreError(operation: "verify", path: file.lastPathComponent, code: EIO) }
        let document = DigitisedDocument(
            digest: stored.digest, inspection: inspection, dossierCode: dossierCode, componentCode: componentCode,
            digitisedByKind: kind, digitisedBy: actorID, digitisedAt: now)
        try await record(document)
        return document
    }
}
