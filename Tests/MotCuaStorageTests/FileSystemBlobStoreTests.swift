import Foundation
import MotCuaStorage
import Testing

@Suite("File-system blob store")
struct FileSystemBlobStoreTests {
    /// SHA-256 test vectors (FIPS 180-2 "abc", and the empty message).
    static let abc = BlobDigest(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!
    static let empty = BlobDigest(hex: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")!

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-blobs-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent(UUID().uuidString)
        try Data(bytes).write(to: file)
        return file
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    /// Every regular file under the store, relative to its root.
    static func files(in root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    @Test("A put names the content by its SHA-256, stores it at ab/cd/<digest> readable only by the owner, and reads back")
    func putAndRead() async throws {
        let scratch = try Self.temporaryDirectory()
        let root = scratch.appendingPathComponent("blobs")
        let store = try FileSystemBlobStore(root: root)
        let stored = try await store.put(contentsOf: try Self.write(Array("abc".utf8), in: scratch))
        #expect(stored == StoredBlob(digest: Self.abc, size: 3, isNew: true))
        #expect(store.path(of: Self.abc) == root.path + "/ba/78/" + Self.abc.hex)
        #expect(Self.files(in: root) == ["ba/78/" + Self.abc.hex])
        #expect(try Self.mode(store.path(of: Self.abc)) == 0o600)
        #expect(try Self.mode(root.appendingPathComponent("ba").path) == 0o700)
        #expect(try Self.mode(root.appendingPathComponent("ba/78").path) == 0o700)
        #expect(try await store.exists(Self.abc))
        #expect(try await !store.exists(Self.empty))
        #expect(try await store.open(Self.empty) == nil)
        let reader = try #require(try await store.open(Self.abc))
        #expect(reader.size == 3)
        #expect(try await reader.read(maximum: 2) == Array("ab".utf8))
        #expect(try await reader.read(maximum: 10) == Array("c".utf8))
        #expect(try await reader.read(maximum: 10) == [])
        await reader.close()
        #expect(try await reader.read(maximum: 10) == [])
    }

    @Test("The same content stored again, from a file or a stream, or by many at once, is kept once")
    func deduplication() async throws {
        let scratch = try Self.temporaryDirectory()
        let root = scratch.appendingPathComponent("blobs")
        let store = try FileSystemBlobStore(root: root)
        // 3 MiB of varied bytes, so the copy crosses many chunks.
        let content = (0..<3_145_728).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let file = try Self.write(content, in: scratch)
        let first = try await store.put(contentsOf: file)
        #expect(first.isNew && first.size == content.count)
        let again = try await store.put(contentsOf: file)
        #expect(again == StoredBlob(digest: first.digest, size: content.count, isNew: false))
        let chunks = AsyncThrowingStream<[UInt8], any Error> { continuation in
            for start in stride(from: 0, to: content.count, by: 100_000) {
                continuation.yield(Array(content[start..<min(start + 100_000, content.count)]))
            }
            continuation.finish()
        }
        #expect(try await store.put(chunks) == again)
        try await withThrowingTaskGroup(of: StoredBlob.self) { group in
            for _ in 0..<8 { group.addTask { try await store.put(contentsOf: file) } }
            for try await result in group { #expect(result.digest == first.digest) }
        }
        // One copy, no temporary or spooled files left behind.
        #expect(Self.files(in: root) == [String(first.digest.hex.prefix(2)) + "/" + String(first.digest.hex.dropFirst(2).prefix(2)) + "/" + first.digest.hex])
        let reader = try #require(try await store.open(first.digest))
        var read: [UInt8] = []
        while case let chunk = try await reader.read(maximum: 65_536), !chunk.isEmpty { read += chunk }
        #expect(read == content)
    }

    @Test("A spooled file the platform hashed is moved into place; the same content moved again is removed, not kept twice")
    func moveSpooledFile() async throws {
        let scratch = try Self.temporaryDirectory()
        let root = scratch.appendingPathComponent("blobs")
        let store = try FileSystemBlobStore(root: root)
        let first = try Self.write(Array("abc".utf8), in: store.incoming)
        #expect(try await store.put(moving: first, digest: Self.abc, size: 3) == StoredBlob(digest: Self.abc, size: 3, isNew: true))
        #expect(!FileManager.default.fileExists(atPath: first.path))
        #expect(try Self.mode(store.path(of: Self.abc)) == 0o600)
        let second = try Self.write(Array("abc".utf8), in: store.incoming)
        #expect(try await store.put(moving: second, digest: Self.abc, size: 3) == StoredBlob(digest: Self.abc, size: 3, isNew: false))
        #expect(Self.files(in: root) == ["ba/78/" + Self.abc.hex])
        // A size that does not match what was spooled is refused and nothing is stored under the digest.
        let short = try Self.write(Array("ab".utf8), in: store.incoming)
        await #expect(throws: BlobStoreError.self) { try await store.put(moving: short, digest: Self.empty, size: 3) }
        #expect(try await !store.exists(Self.empty))
    }

    @Test("An empty stream is stored as the empty blob; a failing stream leaves nothing behind")
    func streams() async throws {
        let scratch = try Self.temporaryDirectory()
        let root = scratch.appendingPathComponent("blobs")
        let store = try FileSystemBlobStore(root: root)
        let empty = AsyncThrowingStream<[UInt8], any Error> { $0.finish() }
        #expect(try await store.put(empty) == StoredBlob(digest: Self.empty, size: 0, isNew: true))
        struct ClientWentAway: Error {}
        let failing = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array("partial upload".utf8))
            continuation.finish(throwing: ClientWentAway())
        }
        await #expect(throws: ClientWentAway.self) { try await store.put(failing) }
        #expect(Self.files(in: root) == ["e3/b0/" + Self.empty.hex])
    }

    @Test("Digests are 64 hexadecimal digits, nothing else")
    func digests() {
        #expect(BlobDigest(hex: String(repeating: "0", count: 63)) == nil)
        #expect(BlobDigest(hex: "../" + String(repeating: "a", count: 61)) == nil)
        #expect(BlobDigest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(Self.empty.hex.hasPrefix("e3b0"))
    }
}
