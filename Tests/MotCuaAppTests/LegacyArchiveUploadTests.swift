import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import MotCuaApp
import MotCuaDomain
import MotCuaTestSupport
import NIOCore
import Testing
import ZIPFoundation

/// A register book uploaded at the desk as a ZIP file (`POST /legacy/books/archive`): imported whole, or refused
/// precisely with nothing written and no temporary file left behind.
@Suite("Legacy register books uploaded as ZIP files")
struct LegacyArchiveUploadTests {
    static let path = "/api/v1/legacy/books/archive"
    static let query = "?kind=birth&book=03&year=1998"

    /// A sample book of `pages` pages, zipped with its folder; the folder and the file are the caller's to remove.
    static func zippedBook(pages: Int, label: String, in root: URL) throws -> [UInt8] {
        let folder = root.appendingPathComponent("so-" + UUID().uuidString.prefix(8))
        try LegacySampleBook.write(to: folder, pages: pages, entriesPerPage: 5, label: label)
        let zip = root.appendingPathComponent(UUID().uuidString + ".zip")
        try FileManager.default.zipItem(at: folder, to: zip, shouldKeepParent: true, compressionMethod: .deflate)
        return Array(try Data(contentsOf: zip))
    }

    /// A ZIP whose manifest sits beside an entry climbing out of the directory it is unpacked into.
    static func climbingArchive(in root: URL) throws -> [UInt8] {
        let file = root.appendingPathComponent("climbing.zip")
        let archive = try Archive(url: file, accessMode: .create)
        let manifest = Data("page,file,entries\n1,p00001.png,5\n".utf8)
        try archive.addEntry(with: "manifest.csv", type: .file, uncompressedSize: Int64(manifest.count)) { (position: Int64, size: Int) in
            manifest.subdata(in: Int(position)..<Int(position) + size)
        }
        try archive.addEntry(with: "../p00001.png", type: .file, uncompressedSize: 4) { (_: Int64, _: Int) in Data([0x89, 0x50, 0x4E, 0x47]) }
        return Array(try Data(contentsOf: file))
    }

    /// What the upload may leave in the blob store's spool directory: nothing.
    static func leftovers(_ configuration: AppConfiguration) throws -> [String] {
        let incoming = URL(fileURLWithPath: configuration.documentDirectory).appendingPathComponent("incoming")
        return try FileManager.default.contentsOfDirectory(atPath: incoming.path)
            .filter { $0.hasSuffix(".upload") || $0.hasPrefix("motcua-register-") }
    }

    @Test("A ZIP upload imports the book; not a ZIP is 415, a climbing path 422, over the limit 413, a duplicate 409, with nothing half-imported", arguments: TestDatabase.backends)
    func uploadArchive(backend: TestDatabase) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-zip-upload-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let book = try Self.zippedBook(pages: 3, label: "upload", in: root)
        let climbing = try Self.climbingArchive(in: root)
        let limit = 64 * 1_024
        try await withApp(backend, configure: { $0.maximumRegisterArchiveBytes = limit }) { raw, configuration in
            let s = try await Scenario(raw)
            let url = Self.path + Self.query
            // Not a ZIP by its content, whatever its declared type: 415, nothing imported.
            let pdf = try await s.reception.send(.post, url, bytes: ScanSamples.pdf(pages: 1), contentType: "application/zip")
            #expect(pdf.status == .unsupportedMediaType && pdf.body.contains("not-a-zip") && pdf.body.contains(#""field":"body""#), "\(pdf.body)")
            // A ZIP declared as something else is not taken either.
            #expect(try await s.reception.send(.post, url, bytes: book, contentType: "application/pdf").status == .unsupportedMediaType)
            // An entry climbing out of the directory: 422 naming the archive, nothing unpacked outside it.
            let climbed = try await s.reception.send(.post, url, bytes: climbing, contentType: "application/zip")
            #expect(climbed.status == .unprocessableContent && climbed.body.contains(#""field":"archive""#) && climbed.body.contains("../p00001.png"), "\(climbed.body)")
            // Beyond the configured size: 413 naming the limit.
            let large = Array(book) + [UInt8](repeating: 0, count: limit)
            let tooLarge = try await s.reception.send(.post, url, bytes: large, contentType: "application/zip")
            #expect(tooLarge.status == .contentTooLarge && tooLarge.body.contains("\(limit)"), "\(tooLarge.body)")
            // Bad identity before the body is read: a year from before the registers, another commune's book.
            let ancient = try await s.reception.send(.post, Self.path + "?kind=birth&book=03&year=1700", bytes: book, contentType: "application/zip")
            #expect(ancient.status == .unprocessableContent && ancient.body.contains(#""field":"year""#), "\(ancient.body)")
            let elsewhere = try await s.reception.send(.post, url + "&commune=xa-07210", bytes: book, contentType: "application/zip")
            #expect(elsewhere.status == .forbidden, "\(elsewhere.body)")
            // A leader does not import books.
            #expect(try await s.leader.send(.post, url, bytes: book, contentType: "application/zip").status == .forbidden)
            #expect(try await s.reception.call(.get, "/api/v1/legacy/progress").body == "[]")

            let created = try await s.reception.send(.post, url, bytes: book, contentType: "application/zip")
            #expect(created.status == .created && created.body.contains(#""pages":3"#) && created.body.contains(#""entries":15"#), "\(created.body)")
            // The same book again, under its name or another one: 409.
            let again = try await s.specialist.send(.post, url, bytes: book, contentType: "application/zip")
            #expect(again.status == .conflict && again.body.contains("already-imported"), "\(again.body)")
            // (sent as plain binary, as some systems send a ZIP file: judged by its content all the same)
            let renamed = try await s.specialist.send(
                .post, Self.path + "?kind=birth&book=09&year=1998", bytes: book, contentType: "application/octet-stream")
            #expect(renamed.status == .conflict && renamed.body.contains("same pages"), "\(renamed.body)")
            // One book, typed from its first entry on; no spool file or unpacked page left behind.
            let progress = try await s.reception.call(.get, "/api/v1/legacy/progress")
            #expect(progress.body.contains(#""book":"03""#) && !progress.body.contains(#""book":"09""#), "\(progress.body)")
            let next = try await s.reception.call(.post, "/api/v1/legacy/entries/next")
            #expect(next.status == .ok && next.body.contains(#""page":1"#), "\(next.body)")
            #expect(try Self.leftovers(configuration).isEmpty)
        }
    }

    @Test("A book a stopped server left unpacked in the spool directory is removed at start-up once old enough, nothing else")
    func abandonedUnpackedBooks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-spool-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unpacked = directory.appendingPathComponent(RegisterBookArchive.directoryPrefix + UUID().lowercasedText)
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: unpacked.appendingPathComponent("p00001.png"))
        try Data("kept".utf8).write(to: directory.appendingPathComponent("other.part"))
        #expect(UploadSpool.removeAbandoned(in: directory, olderThan: 3_600) == 0)
        #expect(UploadSpool.removeAbandoned(in: directory, olderThan: 3_600, now: Date().addingTimeInterval(7_200)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["other.part"])
    }
}

extension UploadMemoryTests {
    /// A ZIP of `bytes` stored (not deflated) bytes beside a manifest naming a page the archive lacks: the upload is
    /// spooled and unpacked whole, then refused (422) before any image is decoded, which would measure the decoder.
    static func largeArchive(bytes: Int, in root: URL) throws -> [UInt8] {
        let file = root.appendingPathComponent("large.zip")
        let archive = try Archive(url: file, accessMode: .create)
        let manifest = Data("page,file,entries\n1,p00001.png,5\n".utf8)
        try archive.addEntry(with: "manifest.csv", type: .file, uncompressedSize: Int64(manifest.count)) { (position: Int64, size: Int) in
            manifest.subdata(in: Int(position)..<Int(position) + size)
        }
        try archive.addEntry(with: "scan-notes.bin", type: .file, uncompressedSize: Int64(bytes), compressionMethod: .none) { (_: Int64, size: Int) in
            Data(count: size)
        }
        return Array(try Data(contentsOf: file))
    }

    @Test("A 20 MB register ZIP upload is spooled and unpacked with the server's anonymous memory growing by at most 8 MiB")
    func twentyMegabyteArchive() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-zip-memory-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let zip = try Self.largeArchive(bytes: 20_000_000, in: root)
        try await withSandboxApp(.sqlite, configure: { $0.port = 0 }, testing: .live) { raw, _, configuration in
            let s = try await Scenario(raw)
            let path = LegacyArchiveUploadTests.path + LegacyArchiveUploadTests.query
            // The request body exists before the measure starts: the client's copy is not the server's growth.
            let body = ByteBuffer(bytes: zip)
            var headers: HTTPFields = [.contentType: "application/zip"]
            headers[.authorization] = "Bearer " + (s.reception.token ?? "")
            // One small refused upload first, so that first-use allocations are not counted.
            #expect(try await s.reception.send(.post, path, bytes: Array("không phải ZIP".utf8), contentType: "application/zip").status == .unsupportedMediaType)
            let baseline = try #require(AnonymousMemorySampler.residentAnonymous())
            let sampler = AnonymousMemorySampler()
            sampler.start()
            let (status, answer) = try await raw.execute(uri: path, method: .post, headers: headers, body: body) { ($0.status, String(buffer: $0.body)) }
            let peak = sampler.stop()
            #expect(status == .unprocessableContent && answer.contains("p00001.png"), "\(answer)")
            let growth = peak - baseline
            print("register ZIP upload of \(zip.count) bytes: anonymous memory \(baseline / 1024) KiB before, peak \(peak / 1024) KiB, growth \(growth / 1024) KiB")
            #expect(growth <= 8 * 1_048_576, "anonymous memory grew by \(growth / 1024) KiB during a \(zip.count)-byte ZIP upload")
            #expect(try LegacyArchiveUploadTests.leftovers(configuration).isEmpty)
        }
    }
}
