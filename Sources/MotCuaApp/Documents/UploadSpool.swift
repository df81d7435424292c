import Crypto
import Foundation
import MotCuaDomain
import MotCuaStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an upload's body to a file as it arrives, a chunk at a time, so that a 20 MB scan never sits in
/// memory; refuses the body as soon as it passes the size limit. The file is the caller's to remove.
enum UploadSpool {
    /// Spools `body` into a new owner-only file in `directory`; returns the file and the bytes written.
    /// - Throws: ``DocumentCheckError/uploadTooLarge(limit:)`` past `maximumBytes` (the partial file is removed);
    ///   I/O errors otherwise.
    static func receive(
        _ body: some AsyncSequence<ArraySlice<UInt8>, any Error>, into directory: URL, maximumBytes: Int,
        bandwidth: UploadBandwidth? = nil
    ) async throws -> (file: URL, size: Int, digest: BlobDigest) {
        let file = directory.appendingPathComponent(UUID().uuidString + ".upload")
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError(operation: "open", code: errno) }
        var size = 0
        // Hashed as it is written, so the blob store can move the file into place instead of reading it again.
        var hasher = SHA256()
        do {
            for try await chunk in body {
                size += chunk.count
                try await bandwidth?.acquire(chunk.count)
                hasher.update(data: chunk)
                guard size <= maximumBytes else { throw DocumentCheckError.uploadTooLarge(limit: maximumBytes) }
                try chunk.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw SpoolError(operation: "write", code: errno)
                        }
                        offset += written
                    }
                }
            }
        } catch {
            close(descriptor)
            unlink(file.path)
            throw error
        }
        close(descriptor)
        guard let digest = BlobDigest(hex: Hex.encode(hasher.finalize())) else { throw SpoolError(operation: "hash", code: EINVAL) }
        return (file, size, digest)
    }

    /// Removes spool files left by uploads that a stopped process never finished (their writer is gone), once
    /// they are older than `age`, so that another node sharing the directory keeps its uploads in flight; also
    /// the directories register books uploaded as ZIP files are unpacked into (`motcua-register-…`).
    /// Returns how many were removed.
    @discardableResult
    static func removeAbandoned(in directory: URL, olderThan age: TimeInterval, now: Date = Date()) -> Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        var removed = 0
        for file in files where file.pathExtension == "upload" || file.lastPathComponent.hasPrefix(RegisterBookArchive.directoryPrefix) {
            guard let modified = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                now.timeIntervalSince(modified) > age
            else { continue }
            if (try? FileManager.default.removeItem(at: file)) != nil { removed += 1 }
        }
        return removed
    }

    /// A failure writing the spool file, named by operation and errno (never a path or content).
    struct SpoolError: Error, CustomStringConvertible {
        let operation: String
        let code: Int32
        var description: String { "upload spool: \(operation) failed (errno \(code))" }
    }
}
