import Foundation
import MotCuaDomain
import MotCuaStorage

/// Use cases on the scanned documents of dossiers: filing an upload for a component, listing a dossier's
/// scans, and opening one for download. Visibility is the dossier's (`DossierService.visibleDossier`); who may
/// file a scan and when is the workflow's rule (`DossierWorkflow.checkDigitising`). Throws domain errors.
struct DocumentService: Sendable {
    let dossiers: DossierService
    let archive: DocumentArchive
    let documents: SQLDocumentRepository
    let blobs: any BlobStore
    let accessLog: SQLRegistryAccessLog
    /// Where upload bodies are written while they arrive (the blob store's own spool directory).
    let spoolDirectory: URL
    let maximumUploadBytes: Int
    let now: @Sendable () -> Date

    /// Streams the upload to a spool file, checks and stores it, and in one transaction records it and points
    /// the dossier's component at it (with a history entry). The spool file is removed whatever happens.
    /// - Parameters:
    ///   - declared: the type the client claimed (media type or file name), compared with the content.
    ///   - length: the request's `Content-Length`, if sent: a body announced over the limit is refused unread.
    func upload(
        code: String, component: String, declared: DocumentMediaType?, length: Int?,
        body: some AsyncSequence<ArraySlice<UInt8>, any Error>, by caller: Caller, scope: AccessScope
    ) async throws -> DigitisedDocument {
        // Everything that can be decided without the body is, before reading it.
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        let actor = caller.actor
        _ = try DossierWorkflow.checkDigitising(componentCode: component, of: dossier, by: actor)
        if let length, length > maximumUploadBytes { throw DocumentCheckError.uploadTooLarge(limit: maximumUploadBytes) }
        let spooled = try await UploadSpool.receive(body, into: spoolDirectory, maximumBytes: maximumUploadBytes)
        defer { try? FileManager.default.removeItem(at: spooled.file) }
        let kind: DigitisedDocument.ActorKind
        switch caller {
        case .official: kind = .official
        case .citizen: kind = .citizen
        }
        let at = now()
        let repository = dossiers.dossiers
        return try await archive.file(
            spooled.file, declared: declared, dossierCode: dossier.code, componentCode: component, by: kind, actorID: actor.id, at: at
        ) { document in
            let scan = ScanRecord(documentID: document.id, sha256: document.digest.hex, mediaType: document.mediaType, pages: document.pages)
            do {
                _ = try await repository.file(document) { current in
                    try DossierWorkflow.digitise(scan, componentCode: component, of: current, by: actor, at: at)
                }
            } catch RepositoryError.versionConflict {
                throw DossierError.concurrentChange
            } catch RepositoryError.notFound {
                throw DossierError.notFound(code: code)
            }
        }
    }

    /// The dossier's scans, oldest first.
    func list(code: String, by caller: Caller, scope: AccessScope) async throws -> [DigitisedDocument] {
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        return try await documents.list(dossierCode: dossier.code)
    }

    /// Opens a scan for download, after writing the access-log entry that the applicant reads in "who used my
    /// data": a download whose entry cannot be stored does not happen.
    func open(code: String, id: String, by caller: Caller, scope: AccessScope) async throws -> (DigitisedDocument, any BlobReader) {
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        guard let uuid = UUID(uuidString: id), let document = try await documents.find(id: uuid), document.dossierCode == dossier.code else {
            throw DocumentNotFoundError(dossierCode: code, documentID: id)
        }
        // The record exists but its content does not: the archive is damaged, which is not the caller's fault.
        guard let reader = try await blobs.open(document.digest) else {
            throw BlobStoreError(operation: "open", path: document.digest.hex, code: ENOENT)
        }
        do {
            try await accessLog.record([Self.accessEntry(document, dossier: dossier, by: caller, at: now())])
        } catch {
            await reader.close()
            throw error
        }
        return (document, reader)
    }

    /// The log entry of one download: whose data (the applicant), who read it, why (the dossier), and which
    /// document (its id as the request id).
    static func accessEntry(_ document: DigitisedDocument, dossier: Dossier, by caller: Caller, at: Date) -> RegistryAccessEntry {
        let actorKind: RegistryAccessEntry.ActorKind
        let actorID: String
        let agencyID: String?
        let purpose: RegistryAccessEntry.PurposeKind
        switch caller {
        case .official(let principal):
            (actorKind, actorID, agencyID, purpose) = (.official, principal.officialID, principal.agencyID, .dossier)
        case .citizen:
            (actorKind, actorID, agencyID, purpose) = (.citizen, "citizen", nil, .selfService)
        }
        return RegistryAccessEntry(
            at: at, subjectID: dossier.applicantID, registry: nil, fields: [RegistryFields.scannedDocument], actorKind: actorKind,
            actorID: actorID, agencyID: agencyID, purposeKind: purpose, purposeReference: dossier.code, requestID: document.id,
            outcome: .found)
    }
}
