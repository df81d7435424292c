import Crypto
import Foundation
import MotCuaDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `BlobStore` in a directory: content lives at `ab/cd/<sha256>` (the first two pairs of digits fan the
/// files out over 65,536 directories), readable only by the service account (files 0600, directories 0700).
///
/// A put hashes the source, and when the digest is already stored writes nothing (de-duplication); otherwise
/// it copies into a temporary file in the final directory, checks the hash again, fsyncs the file, renames it
/// into place (atomic: readers see all of it or nothing) and fsyncs the directory so the name survives a
/// crash. Concurrent puts of the same content both succeed and leave one copy.
public struct FileSystemBlobStore: BlobStore {
    public let root: URL
    private static let chunkSize = 1 << 16

    /// Opens (creating if needed) the store under `root`.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        try Self.makeDirectory(self.root.path, parentToSync: nil)
        try Self.makeDirectory(incoming.path, parentToSync: self.root.path)
    }

    /// Where streamed content is spooled before it is stored; uploads received over HTTP are spooled here too
    /// (each writer removes its own file, stored or not).
    public var incoming: URL { root.appendingPathComponent("incoming", isDirectory: true) }

    /// `ab/cd/<digest>` under the root.
    public func path(of digest: BlobDigest) -> String {
        let hex = Array(digest.hex)
        return root.path + "/" + String(hex[0..<2]) + "/" + String(hex[2..<4]) + "/" + digest.hex
    }

    public func exists(_ digest: BlobDigest) async throws -> Bool {
        var info = stat()
        return stat(path(of: digest), &info) == 0
    }

    public func put(contentsOf file: URL) async throws -> StoredBlob {
        try await BlockingFileWork.run { try self.putBlocking(contentsOf: file) }
    }

    private func putBlocking(contentsOf file: URL) throws -> StoredBlob {
        let source = try Self.openFile(file.path, flags: O_RDONLY)
        defer { _ = sysClose(source) }
        let (digest, size) = try Self.hash(source, copyingTo: nil)
        let final = path(of: digest)
        var info = stat()
        if stat(final, &info) == 0 { return StoredBlob(digest: digest, size: size, isNew: false) }

        let directory = (final as NSString).deletingLastPathComponent
        try Self.makeDirectory((directory as NSString).deletingLastPathComponent, parentToSync: root.path)
        try Self.makeDirectory(directory, parentToSync: (directory as NSString).deletingLastPathComponent)
        let temporary = directory + "/." + digest.hex + "." + UUID().uuidString + ".tmp"
        let target = try Self.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        do {
            guard lseek(source, 0, SEEK_SET) == 0 else { throw Self.failure("seek", file.lastPathComponent) }
            let (copied, copiedSize) = try Self.hash(source, copyingTo: target)
            // The source changed between the two reads: what was copied is not what was named.
            guard copied == digest, copiedSize == size else { throw Self.failure("verify", file.lastPathComponent, code: EIO) }
            guard fchmod(target, 0o600) == 0, fsync(target) == 0 else { throw Self.failure("fsync", temporary) }
        } catch {
            _ = sysClose(target)
            unlink(temporary)
            throw error
        }
        _ = sysClose(target)
        guard rename(temporary, final) == 0 else {
            let error = Self.failure("rename", temporary)
            unlink(temporary)
            throw error
        }
        try Self.syncDirectory(directory)
        return StoredBlob(digest: digest, size: size, isNew: true)
    }

    public func put(_ chunks: some AsyncSequence<[UInt8], any Error> & Sendable) async throws -> StoredBlob {
        let spool = incoming.appendingPathComponent(UUID().uuidString + ".part")
        let descriptor = try Self.openFile(spool.path, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
        defer { unlink(spool.path) }
        do {
            for try await chunk in chunks { try Self.writeAll(chunk, to: descriptor, path: spool.path) }
            _ = sysClose(descriptor)
        } catch {
            _ = sysClose(descriptor)
            throw error
        }
        return try await put(contentsOf: spool)
    }

    public func open(_ digest: BlobDigest) async throws -> (any BlobReader)? {
        let descriptor = sysOpen(path(of: digest), O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw Self.failure("open", digest.hex)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            _ = sysClose(descriptor)
            throw Self.failure("stat", digest.hex)
        }
        return FileBlobReader(descriptor: descriptor, size: Int(info.st_size))
    }

    // MARK: - POSIX helpers

    /// SHA-256 and length of the rest of `source`, writing the bytes to `target` too when given.
    private static func hash(_ source: Int32, copyingTo target: Int32?) throws -> (BlobDigest, Int) {
        var hasher = SHA256()
        var size = 0
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { sysRead(source, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("read", "source")
            }
            if count == 0 { break }
            let chunk = buffer[0..<count]
            hasher.update(data: chunk)
            if let target { try writeAll(chunk, to: target, path: "temporary file") }
            size += count
        }
        let hex = Hex.encode(hasher.finalize())
        return (BlobDigest(hex: hex)!, size)
    }

    private static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32, path: String) throws {
        try Array(bytes).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = sysWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", path)
                }
                offset += written
            }
        }
    }

    private static func openFile(_ path: String, flags: Int32, mode: mode_t = 0) throws -> Int32 {
        let descriptor = sysOpen(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("open", path) }
        return descriptor
    }

    /// Creates the directory (0700) if missing, then fsyncs its parent so the new entry is durable.
    private static func makeDirectory(_ path: String, parentToSync: String?) throws {
        if mkdir(path, 0o700) == 0 {
            if let parentToSync { try syncDirectory(parentToSync) }
        } else if errno != EEXIST {
            throw failure("mkdir", path)
        }
    }

    private static func syncDirectory(_ path: String) throws {
        let descriptor = sysOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { _ = sysClose(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync", path) }
    }

    private static func failure(_ operation: String, _ path: String, code: Int32 = errno) -> BlobStoreError {
        BlobStoreError(operation: operation, path: path, code: code)
    }
}

/// Reads a stored file; closes it when asked or when released.
actor FileBlobReader: BlobReader {
    private var descriptor: Int32?
    nonisolated let size: Int

    init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    func read(maximum: Int) throws -> [UInt8] {
        guard let descriptor, maximum > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { sysRead(descriptor, $0.baseAddress, maximum) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw BlobStoreError(operation: "read", path: "blob", code: errno) }
            return Array(buffer[0..<count])
        }
    }

    func close() {
        if let descriptor { _ = sysClose(descriptor) }
        descriptor = nil
    }

    deinit {
        if let descriptor { _ = sysClose(descriptor) }
    }
}

// The C calls under other names: inside the store, `open`, `read` and `close` are its own methods.
private func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { open(path, flags, mode) }
private func sysClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func sysRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }
private func sysWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, buffer, count) }
