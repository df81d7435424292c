import Foundation

/// The SHA-256 of a blob's content, as 64 lower-case hexadecimal digits: its name in a content-addressed store.
public struct BlobDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    public let hex: String

    /// Nil unless `hex` is exactly 64 hexadecimal digits (upper case is folded).
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.hex = lower
    }

    public var description: String { hex }
}

/// What a `put` stored.
public struct StoredBlob: Sendable, Hashable {
    public let digest: BlobDigest
    public let size: Int
    /// False when the same content was already stored (nothing new was written).
    public let isNew: Bool

    public init(digest: BlobDigest, size: Int, isNew: Bool) {
        self.digest = digest
        self.size = size
        self.isNew = isNew
    }
}

/// Durable, content-addressed storage of files such as scanned documents: content goes in, its SHA-256 comes
/// out, and the same content is kept once. A `put` returns only when the content is durable; a failed one
/// leaves nothing behind. Implemented on the file system here; an object store can implement it later.
public protocol BlobStore: Sendable {
    /// Stores a copy of the file's content.
    func put(contentsOf file: URL) async throws -> StoredBlob
    /// Stores the content of a stream of chunks (an upload, say).
    func put(_ chunks: some AsyncSequence<[UInt8], any Error> & Sendable) async throws -> StoredBlob
    /// Opens stored content for reading; nil when no content has this digest.
    func open(_ digest: BlobDigest) async throws -> (any BlobReader)?
    func exists(_ digest: BlobDigest) async throws -> Bool
}

/// Reads one stored blob from the start, a chunk at a time.
public protocol BlobReader: Sendable {
    var size: Int { get }
    /// The next bytes, at most `maximum`; empty at the end.
    func read(maximum: Int) async throws -> [UInt8]
    func close() async
}

/// A storage failure, named by operation and path inside the store (never the content).
public struct BlobStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String { "blob store: \(operation) \(path) failed (errno \(code))" }
}
