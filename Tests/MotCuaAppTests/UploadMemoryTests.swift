import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaTestSupport
import NIOCore
import Synchronization
import Testing

@testable import MotCuaApp

/// The peak of the process's anonymous resident memory (heap and stacks, not mapped files) while it runs,
/// sampled from `/proc/self/status` every millisecond on a thread of its own.
final class AnonymousMemorySampler: Sendable {
    private let state = Mutex<(peak: Int, running: Bool)>((0, true))

    /// `RssAnon` in bytes, or nil where /proc is not available.
    static func residentAnonymous() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    func start() {
        let thread = Thread { [self] in
            while state.withLock({ $0.running }) {
                if let now = Self.residentAnonymous() { state.withLock { $0.peak = max($0.peak, now) } }
                usleep(1_000)
            }
        }
        thread.start()
    }

    /// Stops sampling and returns the peak seen.
    func stop() -> Int {
        usleep(5_000)
        return state.withLock {
            $0.running = false
            return $0.peak
        }
    }
}

/// A 20 MB scan streams to disk: the server's memory does not grow with the file. Measured on a live server
/// (a real socket, so the body arrives in chunks as from a browser) in this process; the measure is the
/// process's, so other tests running at the same time would disturb it: run it alone, as `.ci/run` does,
/// with `MOTCUA_MEMORY_TESTS=1 swift test --filter UploadMemoryTests`.
@Suite("Upload memory", .serialized, .enabled(if: ProcessInfo.processInfo.environment["MOTCUA_MEMORY_TESTS"] == "1"))
struct UploadMemoryTests {
    @Test("A 20 MB PDF upload grows the server's anonymous memory by at most 8 MiB")
    func twentyMegabytes() async throws {
        try await withSandboxApp(.sqlite, configure: { $0.port = 0 }, testing: .live) { raw, _, configuration in
            let s = try await Scenario(raw)
            let dossier = try await s.receiveBirth()
            let pdf = ScanSamples.pdf(pages: 1, filler: 20_000_000)
            // The request body exists before the measure starts: the client's copy is not the server's growth.
            let body = ByteBuffer(bytes: pdf)
            var headers: HTTPFields = [.contentType: "application/pdf"]
            headers[.authorization] = "Bearer " + (s.reception.token ?? "")
            // One small upload first, so that first-use allocations (code paths, pools) are not counted.
            #expect(try await s.reception.upload(dossier.code, component: "declaration", ScanSamples.pdf(pages: 1)).status == .created)
            let baseline = try #require(AnonymousMemorySampler.residentAnonymous())
            let sampler = AnonymousMemorySampler()
            sampler.start()
            let status = try await raw.execute(
                uri: "/api/v1/dossiers/\(dossier.code)/components/birth_certificate/documents", method: .post, headers: headers, body: body
            ) { $0.status }
            let peak = sampler.stop()
            #expect(status == .created)
            let growth = peak - baseline
            print("upload of \(pdf.count) bytes: anonymous memory \(baseline / 1024) KiB before, peak \(peak / 1024) KiB, growth \(growth / 1024) KiB")
            #expect(growth <= 8 * 1_048_576, "anonymous memory grew by \(growth / 1024) KiB during a \(pdf.count)-byte upload")
            #expect(try DocumentUploadTests.storedFiles(configuration).count == 2)
        }
    }
}
