import Foundation
import MotCuaDomain
import MotCuaStorage

/// A scanned register book uploaded at the desk as a ZIP file: the body is streamed to a spool file (never held
/// in memory, refused past the size limit), judged a ZIP archive by its content, then imported like a ZIP file
/// of the import directory (`LegacyRegisterImporter`: unpacked with its safety checks, all or nothing per book,
/// a duplicate refused). The spool file and the unpacked pages are removed whatever happens.
struct LegacyBookUpload: Sendable {
    let importer: LegacyRegisterImporter
    /// Where the upload is written while it arrives and unpacked (the blob store's own spool directory).
    let spoolDirectory: URL
    let maximumBytes: Int
    /// The uploads' shared read rate (with the scans of dossiers), so a book never starves receipts.
    let bandwidth: UploadBandwidth?

    /// Imports the uploaded book.
    /// - Parameter length: the request's `Content-Length`, if sent: a body announced over the limit is refused unread.
    /// - Throws: ``DocumentCheckError/uploadTooLarge(limit:)`` past the limit, ``LegacyRegisterError/notAnArchive``
    ///   for a body that is not a ZIP file, and the importer's refusals.
    func importArchive(
        _ body: some AsyncSequence<ArraySlice<UInt8>, any Error>, length: Int?, identity: RegisterBookIdentity, by actor: String
    ) async throws -> LegacyBook {
        if let length, length > maximumBytes { throw DocumentCheckError.uploadTooLarge(limit: maximumBytes) }
        let spooled = try await UploadSpool.receive(body, into: spoolDirectory, maximumBytes: maximumBytes, bandwidth: bandwidth)
        defer { try? FileManager.default.removeItem(at: spooled.file) }
        guard RegisterBookArchive.isArchive(spooled.file) else { throw LegacyRegisterError.notAnArchive }
        return try await importer.importBook(at: spooled.file, identity: identity, by: actor, workDirectory: spoolDirectory)
    }
}
