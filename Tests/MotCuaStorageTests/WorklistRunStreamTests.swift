import Foundation
import Logging
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaStorage

/// A run's findings stored while they are produced: one transaction, committed when the stream ends.
@Suite("Storing a run's findings from a stream")
struct WorklistRunStreamTests {
    static func batch(_ range: Range<Int>) -> [FindingInput] {
        range.map { n in
            FindingInput(
                sourceRecordID: "HT-\(n)", sourceLine: n + 2, kinds: ["no_match"], citizenID: n % 2 == 0 ? nil : "027090000\(String(format: "%03d", n % 1000))",
                automatic: false, payload: #"{"sourceRecordID":"HT-\#(n)","sourceLine":\#(n + 2),"kinds":["no_match"]}"#)
        }
    }

    @Test("Batches arriving over time are all stored in one run, with its count; a stream ending in an error stores nothing", arguments: TestDatabase.backends)
    func storesAllOrNothing(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let worklist = SQLWorklistRepository(store: store)
            let campaign = try await worklist.campaign(named: "Hộ tịch 2026", description: nil, createdBy: "test")

            let (batches, continuation) = AsyncThrowingStream<[FindingInput], any Error>.makeStream()
            async let run = worklist.storeRun(campaignID: campaign.id, sourceName: "ho-tich.csv", batches: batches, createdBy: "test")
            for start in stride(from: 0, to: 3_000, by: 1_000) {
                continuation.yield(Self.batch(start..<start + 1_000))
                try await Task.sleep(for: .milliseconds(20))
            }
            continuation.finish()
            let runID = try await run
            #expect(try await BulkConversionTests.count(store, "SELECT COUNT(*) AS n FROM findings WHERE run_id = \(bind: runID)") == 3_000)
            #expect(try await BulkConversionTests.count(store, "SELECT findings_stored AS n FROM reconciliation_runs WHERE id = \(bind: runID)") == 3_000)
            let page = try await worklist.findings(campaignID: campaign.id, status: .open, kind: "no_match", after: nil, limit: 2)
            #expect(page.count == 2)

            // The engine fails after two batches: neither the run nor any of its findings appears.
            struct EngineStopped: Error {}
            let (failing, feed) = AsyncThrowingStream<[FindingInput], any Error>.makeStream()
            let failed = Task { try await worklist.storeRun(campaignID: campaign.id, sourceName: "ho-tich-2.csv", batches: failing, createdBy: "test") }
            feed.yield(Self.batch(5_000..<6_000))
            feed.yield(Self.batch(6_000..<7_000))
            feed.finish(throwing: EngineStopped())
            await #expect(throws: EngineStopped.self) { try await failed.value }
            #expect(try await BulkConversionTests.count(store, "SELECT COUNT(*) AS n FROM reconciliation_runs") == 1)
            #expect(try await BulkConversionTests.count(store, "SELECT COUNT(*) AS n FROM findings") == 3_000)
        }
    }
}
