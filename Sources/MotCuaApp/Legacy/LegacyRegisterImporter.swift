import Crypto
import Foundation
import MotCuaDomain
import MotCuaStorage

/// Imports a scanned register book from a folder holding the page images and a manifest (`manifest.csv` or
/// `manifest.json`, see docs/legacy-registers.md).
///
/// All or nothing per book, and resumable: every image is checked by content first (a file that is not a JPEG
/// or PNG image is refused, named, before anything is stored); the images then go to the content-addressed blob
/// store (idempotent: a re-run writes nothing already there); last, one transaction writes the book, its pages
/// and an empty slot per entry. A run that crashed before that transaction is simply run again.
public struct LegacyRegisterImporter: Sendable {
    let blobs: any BlobStore
    let registers: SQLLegacyRegisterRepository

    public init(blobs: any BlobStore, registers: SQLLegacyRegisterRepository) {
        self.blobs = blobs
        self.registers = registers
    }

    /// Where an import is.
    public enum Phase: String, Sendable {
        case checking = "checking images"
        case storing = "storing images"
        case writing = "writing the book"
    }

    /// Files checked or stored at once, on the blocking-file pool.
    static let parallelism = 8
    /// Scans of register pages are a few megabytes; a file far larger is not a page.
    static let maximumImageBytes = 64 << 20

    /// Imports a book from a folder or from a ZIP file of the same contents (unpacked into a private directory
    /// under `workDirectory` first, and removed afterwards).
    public func importBook(
        at location: URL, identity: RegisterBookIdentity, by actor: String, workDirectory: URL = FileManager.default.temporaryDirectory,
        progress: @escaping @Sendable (Phase, Int, Int) -> Void = { _, _, _ in }
    ) async throws -> LegacyBook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
            throw LegacyRegisterError.invalid(field: "path", message: "no folder or ZIP file at \(location.lastPathComponent)")
        }
        if isDirectory.boolValue { return try await importFolder(location, identity: identity, by: actor, progress: progress) }
        guard RegisterBookArchive.isArchive(location) else {
            throw LegacyRegisterError.invalid(field: "path", message: "\(location.lastPathComponent) is neither a folder nor a ZIP file")
        }
        let limit = Self.maximumImageBytes
        let unpacked = try await BlockingFileWork.run { try RegisterBookArchive.unpack(location, into: workDirectory, maximumFileBytes: limit) }
        defer { try? FileManager.default.removeItem(at: unpacked) }
        return try await importFolder(unpacked, identity: identity, by: actor, progress: progress)
    }

    /// Imports the folder; `progress` receives the phase and how many pages of it are done.
    public func importFolder(
        _ folder: URL, identity: RegisterBookIdentity, by actor: String, progress: @escaping @Sendable (Phase, Int, Int) -> Void = { _, _, _ in }
    ) async throws -> LegacyBook {
        let manifest = try Self.manifest(in: folder)
        let files = manifest.pages.map { folder.appendingPathComponent($0.file) }
        for (page, file) in zip(manifest.pages, files) where !FileManager.default.fileExists(atPath: file.path) {
            throw LegacyRegisterError.missingFile(file: page.file)
        }
        // Check every image before storing any: a bad page refuses the book with nothing written.
        let checked = try await Self.forEach(files, progress: { progress(.checking, $0, files.count) }) { file in
            try await Self.check(file)
        }
        let contentSHA256 = Self.contentHash(manifest, digests: checked.map(\.digest))
        if let existing = try await registers.existingBook(identity, contentSHA256: contentSHA256) {
            throw LegacyRegisterError.alreadyImported(book: existing.identity.label, byContent: existing.identity != identity)
        }
        let blobs = self.blobs
        let stored = try await Self.forEach(files, progress: { progress(.storing, $0, files.count) }) { file in
            try await blobs.put(contentsOf: file)
        }
        for (index, blob) in stored.enumerated() where blob.digest != checked[index].digest {
            throw LegacyRegisterError.invalid(field: manifest.pages[index].file, message: "the file changed during the import")
        }
        progress(.writing, 0, 1)
        let pages = zip(manifest.pages, checked).map { page, check in
            LegacyPageImport(number: page.page, digest: check.digest, inspection: check.inspection, entries: page.entries)
        }
        let book = try await registers.importBook(identity, contentSHA256: contentSHA256, pages: pages, by: actor)
        progress(.writing, 1, 1)
        return book
    }

    /// The manifest of the folder: exactly one of `manifest.csv` and `manifest.json`.
    static func manifest(in folder: URL) throws -> RegisterManifest {
        let csv = folder.appendingPathComponent("manifest.csv")
        let json = folder.appendingPathComponent("manifest.json")
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LegacyRegisterError.invalid(field: "folder", message: "\(folder.lastPathComponent) is not a folder")
        }
        switch (manager.fileExists(atPath: csv.path), manager.fileExists(atPath: json.path)) {
        case (true, false):
            guard let text = String(data: try Data(contentsOf: csv), encoding: .utf8) else {
                throw LegacyRegisterError.invalid(field: "manifest", message: "manifest.csv is not UTF-8 text")
            }
            return try RegisterManifest.csv(text)
        case (false, true): return try RegisterManifest.json(try Data(contentsOf: json))
        case (true, true): throw LegacyRegisterError.invalid(field: "manifest", message: "give manifest.csv or manifest.json, not both")
        case (false, false): throw LegacyRegisterError.invalid(field: "manifest", message: "the folder holds no manifest.csv or manifest.json")
        }
    }

    struct Checked: Sendable {
        let digest: BlobDigest
        let inspection: DocumentInspection
    }

    /// Reads, checks (a JPEG or PNG image, by content) and hashes one file; refusals name it.
    static func check(_ file: URL) async throws -> Checked {
        try await BlockingFileWork.run {
            let name = file.lastPathComponent
            let data: Data
            do {
                data = try Data(contentsOf: file, options: .alwaysMapped)
            } catch {
                throw LegacyRegisterError.notAnImage(file: name, reason: "cannot be read")
            }
            guard data.count <= maximumImageBytes else { throw LegacyRegisterError.notAnImage(file: name, reason: "larger than 64 MiB") }
            let inspection: DocumentInspection
            do {
                inspection = try data.withUnsafeBytes { try DocumentInspector.inspect($0) }
            } catch let error as DocumentCheckError {
                throw LegacyRegisterError.notAnImage(file: name, reason: error.message)
            }
            guard inspection.mediaType == .jpeg || inspection.mediaType == .png else {
                throw LegacyRegisterError.notAnImage(file: name, reason: "a \(inspection.mediaType.rawValue) file, not a JPEG or PNG image")
            }
            return Checked(digest: BlobDigest(hex: Hex.encode(SHA256.hash(data: data)))!, inspection: inspection)
        }
    }

    /// The book's content: its pages in order with their entry counts and image digests. The same scans imported
    /// under another identity have the same hash, so a book is never imported twice by mistake.
    static func contentHash(_ manifest: RegisterManifest, digests: [BlobDigest]) -> String {
        var hasher = SHA256()
        for (page, digest) in zip(manifest.pages, digests) {
            hasher.update(data: Data("\(page.page)\t\(page.entries)\t\(digest.hex)\n".utf8))
        }
        return Hex.encode(hasher.finalize())
    }

    /// Runs `body` over the files, a few at a time, and returns the results in file order.
    static func forEach<T: Sendable>(
        _ files: [URL], progress: @escaping @Sendable (Int) -> Void, _ body: @escaping @Sendable (URL) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: files.count)
            var next = 0
            var done = 0
            while next < min(parallelism, files.count) {
                let index = next
                group.addTask { (index, try await body(files[index])) }
                next += 1
            }
            while let (index, value) = try await group.next() {
                results[index] = value
                done += 1
                if done % 100 == 0 || done == files.count { progress(done) }
                if next < files.count {
                    let index = next
                    group.addTask { (index, try await body(files[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
