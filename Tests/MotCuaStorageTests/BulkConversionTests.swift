import Foundation
import Logging
import MotCuaDomain
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaStorage

/// Bulk conversion of a campaign's old-ID findings into registry update requests: chunked, all or nothing per
/// chunk, resumable, and never queued twice.
@Suite("Bulk conversion of old IDs through the registry outbox")
struct BulkConversionTests {
    /// A land finding as the engine stores it: linked by its own old ID (or, `probabilistic`, by name only).
    static func finding(_ n: Int, method: String = "legacy_id", kinds: [String] = ["legacy_id_conversion"]) -> FindingInput {
        let citizen = "027" + "0" + "86" + String(format: "%06d", n)
        let legacy = String(format: "125%06d", n)
        let parcel = "09187-\(n / 500 + 1)-\(n % 500 + 1)"
        let quoted = kinds.map { "\"\($0)\"" }.joined(separator: ",")
        return FindingInput(
            sourceRecordID: parcel, sourceLine: n + 2, kinds: kinds, citizenID: citizen, automatic: true,
            payload: #"{"sourceRecordID":"\#(parcel)","sourceLine":\#(n + 2),"kinds":[\#(quoted)],"method":"\#(method)","automatic":true,"citizenID":"\#(citizen)","recordedID":"\#(legacy)","discrepancies":[],"evidence":[]}"#)
    }

    static func count(_ store: any SQLStore, _ sql: SQLQueryString) async throws -> Int {
        try await store.read { try await $0.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0 }
    }

    @Test("Every ID-linked conversion is accepted with one request; a second call queues nothing; others stay for review", arguments: TestDatabase.backends)
    func convertsOnceAndResumes(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let worklist = SQLWorklistRepository(store: store)
            let campaign = try await worklist.campaign(named: "Đất đai", description: nil, createdBy: "test", agencyID: "so-tnmt")
            var inputs = (0..<2_500).map { Self.finding($0) }
            // Not convertible in bulk: a name-only link, a duplicate, an old ID pointing at someone else.
            inputs.append(Self.finding(3_000, method: "probabilistic"))
            inputs.append(Self.finding(3_001, kinds: ["legacy_id_conversion", "duplicate_in_source"]))
            inputs.append(Self.finding(3_002, kinds: ["id_points_at_another_person"]))
            try await worklist.storeRun(campaignID: campaign.id, sourceName: "land.csv", findings: inputs, createdBy: "test")
            // A steward has already rejected one: it is not converted.
            let rejected = try #require(try await worklist.findings(campaignID: campaign.id, status: .open, kind: nil, after: nil, limit: 1).first)
            _ = try await worklist.decide(findingID: rejected.id, .reject(reason: "sai thửa"), expectedVersion: 1, by: "steward")

            // An interrupted run: stopped after 1,200 (two chunks of 1,000 and 200).
            let first = try await worklist.applyConversions(campaignID: campaign.id, target: .landOwner, by: "bulk", limit: 1_200)
            #expect(first.queued == 1_200 && !first.complete && first.chunks == 2)
            let rest = try await worklist.applyConversions(campaignID: campaign.id, target: .landOwner, by: "bulk")
            #expect(rest.queued == 2_499 - 1_200 && rest.complete && rest.leftForReview == 2)
            let again = try await worklist.applyConversions(campaignID: campaign.id, target: .landOwner, by: "bulk")
            #expect(again.queued == 0 && again.complete)

            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM registry_outbox WHERE kind = 'convert_land_owner'") == 2_499)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM registry_outbox_events WHERE seq = 1 AND state = 'queued'") == 2_499)
            // One key per request (its parcel), so a later update of the same parcel waits for the conversion.
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM registry_outbox_subjects WHERE subject LIKE 'parcel:%'") == 2_499)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM registry_outbox WHERE next_attempt_at IS NULL") == 0)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM findings WHERE status = 'accepted' AND version = 2") == 2_499)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM finding_decisions WHERE actor_id = 'bulk'") == 2_499)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM findings WHERE status = 'open'") == 3)

            // Each request names the finding's parcel and old ID, with the id derived from the finding's.
            let sample = try #require(try await worklist.findings(campaignID: campaign.id, status: .accepted, kind: nil, after: nil, limit: 1).first)
            let request = try #require(try await worklist.registryOutbox.request(SQLRegistryOutbox.conversionRequestID(findingID: sample.id)))
            guard case .convertLandOwner(let parcel, let legacy) = request.update else {
                Issue.record("not a land conversion: \(request.update)")
                return
            }
            #expect(parcel == sample.sourceRecordID && sample.payload.contains(legacy.value) && request.agencyID == "so-tnmt")

            // The auditors' listing filters by campaign, registry and state.
            let page = try await worklist.registryOutbox.list(.init(state: .queued, registry: .land, campaignID: campaign.id), after: nil, limit: 500)
            #expect(page.count == 500 && page.allSatisfy { $0.campaignID == campaign.id })
            let next = try await worklist.registryOutbox.list(.init(campaignID: campaign.id), after: page.last?.request.requestID.lowercasedText, limit: 500)
            #expect(next.first.map { $0.request.requestID.lowercasedText > page.last!.request.requestID.lowercasedText } == true)
            #expect(try await worklist.registryOutbox.list(.init(campaignID: campaign.id, agencyID: "other"), after: nil, limit: 10).isEmpty)
            #expect(try await worklist.registryOutbox.list(.init(registry: .socialInsurance), after: nil, limit: 10).isEmpty)
        }
    }

    /// Queueing 100,000 and 1,000,000 conversions, measured when `MOTCUA_MEASURE_CONVERSIONS` lists the sizes
    /// (e.g. `100000,1000000`); the figures go to BENCHMARKS.md.
    @Test("Queueing conversions at scale (measured on demand)", arguments: TestDatabase.backends)
    func measure(backend: TestDatabase) async throws {
        guard let sizes = ProcessInfo.processInfo.environment["MOTCUA_MEASURE_CONVERSIONS"]?.split(separator: ",").compactMap({ Int($0) }) else { return }
        for size in sizes {
            try await backend.withStore { store in
                try await Migrator(store: store, logger: Logger(label: "test")).migrate()
                let worklist = SQLWorklistRepository(store: store)
                let campaign = try await worklist.campaign(named: "Đo \(size)", description: nil, createdBy: "test", agencyID: "so-tnmt")
                let storing = ContinuousClock.now
                for start in stride(from: 0, to: size, by: 100_000) {
                    try await worklist.storeRun(
                        campaignID: campaign.id, sourceName: "land.csv", findings: (start..<min(size, start + 100_000)).map { Self.finding($0) },
                        createdBy: "test")
                }
                let stored = ContinuousClock.now - storing
                let started = ContinuousClock.now
                let summary = try await worklist.applyConversions(campaignID: campaign.id, target: .landOwner, by: "bulk")
                let elapsed = ContinuousClock.now - started
                #expect(summary.queued == size)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print("MEASURE \(backend) conversions=\(size) store=\(stored) queue=\(elapsed) rate=\(Int(Double(size) / seconds))/s chunks=\(summary.chunks)")
            }
        }
    }
}
