import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import MotCuaApp
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import MotCuaTestSupport
import Synchronization
import Testing

/// Reconciliation runs as background jobs over the API: started (202), followed, cancelled, resumed; findings
/// published all or nothing; a job the server was running when it stopped shows as interrupted.
@Suite("Reconciliation jobs over the API")
struct ReconciliationJobAPITests {
    /// Generated register and source files in a new import directory.
    static func importDirectory(people: Int, records: Int) throws -> URL {
        let directory = try ReconciliationRunAPITests.importDirectory()
        _ = try SyntheticGenerator.generate(SyntheticOptions(people: people, records: records, seed: 11, directory: directory))
        return directory
    }

    static let start = #"{"register":"register.csv","source":"source.csv"}"#

    /// Polls the job until `done` holds (or 120 s pass), returning every state seen and the last job.
    static func follow(
        _ client: Client, _ id: String, until done: (ReconciliationJobJSON) -> Bool = { $0.isFinished }
    ) async throws -> (seen: [ReconciliationJobJSON], last: ReconciliationJobJSON) {
        var seen: [ReconciliationJobJSON] = []
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let response = try await client.call(.get, "/api/v1/reconciliation-jobs/\(id)")
            #expect(response.status == .ok, "\(response.body)")
            let job = try client.decode(ReconciliationJobJSON.self, response.body)
            seen.append(job)
            if done(job) { return (seen, job) }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("job \(id) did not reach the awaited state: \(seen.last.map { "\($0.state) \($0.progress)" } ?? "never read")")
        throw CancellationError()
    }

    static func campaign(_ steward: Client, _ name: String) async throws -> CampaignJSON {
        let created = try await steward.call(.post, "/api/v1/campaigns", json: #"{"name":"\#(name)"}"#)
        #expect(created.status == .created, "\(created.body)")
        return try steward.decode(CampaignJSON.self, created.body)
    }

    static func total(_ steward: Client, _ campaignID: String) async throws -> Int? {
        try steward.decode([CampaignJSON].self, try await steward.call(.get, "/api/v1/campaigns").body).first { $0.id == campaignID }?.total
    }

    @Test("A started run answers 202 with the job, shows its progress, and succeeds with its findings published", arguments: TestDatabase.backends)
    func startFollowSucceed(backend: TestDatabase) async throws {
        let directory = try Self.importDirectory(people: 3_000, records: 2_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withApp(backend, configure: { $0.importDirectory = directory.path }) { raw, _ in
            let steward = try await Client(client: raw).signedIn("stp.dulieu")
            let campaign = try await Self.campaign(steward, "Rà soát nền")
            let started = try await steward.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: Self.start)
            #expect(started.status == .accepted, "\(started.body)")
            let job = try steward.decode(ReconciliationJobJSON.self, started.body)
            #expect(started.headers[.location] == "/api/v1/reconciliation-jobs/\(job.id)")
            #expect(job.state == "queued" || job.state == "running")
            #expect(job.createdBy == "stp.dulieu" && job.register == "register.csv" && job.source == "source.csv")
            let (seen, done) = try await Self.follow(steward, job.id)
            #expect(done.state == "succeeded", "\(done.reason ?? "")")
            #expect(seen.contains { $0.state == "running" || $0.state == "succeeded" })
            #expect(done.progress.phase == "done" && done.progress.staged == 0 && done.finishedAt != nil && done.attempts == 1)
            let outcome = try #require(done.outcome)
            #expect(outcome.sourceRows == 2_000)
            #expect(outcome.stored > 0 && outcome.stored < 2_000)
            #expect(try await Self.total(steward, campaign.id) == outcome.stored)
            let page = try steward.decode(FindingPageJSON.self, try await steward.call(.get, "/api/v1/campaigns/\(campaign.id)/findings").body)
            #expect(!page.items.isEmpty && page.items.allSatisfy { $0.id.hasPrefix(outcome.runId + ":") })
            // The campaign's list shows it; a succeeded job can be neither resumed nor cancelled.
            let list = try steward.decode([ReconciliationJobJSON].self, try await steward.call(.get, "/api/v1/campaigns/\(campaign.id)/runs").body)
            #expect(list.map(\.id) == [job.id])
            let resume = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(job.id)/resume")
            #expect(resume.status == .conflict, "\(resume.body)")
            #expect(try await steward.call(.post, "/api/v1/reconciliation-jobs/\(job.id)/cancel").status == .conflict)
            #expect(try await Self.total(steward, campaign.id) == outcome.stored)
        }
    }

    @Test("A run cancelled mid-way stops within seconds and leaves nothing visible; resumed, it completes", arguments: TestDatabase.backends)
    func cancelThenResume(backend: TestDatabase) async throws {
        let directory = try Self.importDirectory(people: 60_000, records: 40_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withApp(backend, configure: { $0.importDirectory = directory.path }) { raw, _ in
            let steward = try await Client(client: raw).signedIn("stp.dulieu")
            let campaign = try await Self.campaign(steward, "Rà soát hủy")
            let job = try steward.decode(
                ReconciliationJobJSON.self, try await steward.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: Self.start).body)
            _ = try await Self.follow(steward, job.id) { $0.state == "running" && $0.progress.phase != nil }
            // A second start of the same campaign while this one runs is refused, not queued.
            let second = try await steward.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: Self.start)
            #expect(second.status == .conflict && second.body.contains("reconciliation-running"), "\(second.body)")
            let cancel = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(job.id)/cancel")
            #expect(cancel.status == .accepted, "\(cancel.body)")
            let asked = ContinuousClock.now
            let cancelState = try steward.decode(ReconciliationJobJSON.self, cancel.body).state
            #expect(["cancelling", "cancelled"].contains(cancelState))
            // Cancelling again changes nothing and is not an error.
            let again = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(job.id)/cancel")
            let againState = try steward.decode(ReconciliationJobJSON.self, again.body).state
            #expect(again.status == .accepted && ["cancelling", "cancelled"].contains(againState))
            let (_, cancelled) = try await Self.follow(steward, job.id)
            let stopping = ContinuousClock.now - asked
            #expect(cancelled.state == "cancelled" && cancelled.outcome == nil && cancelled.progress.staged == 0)
            // The heartbeat sees the cancel within a second; the engine stops at its next check (between phases,
            // during matching, at each findings batch). The bound is loose for a debug build on a shared machine: CI
            // runs of every suite at once took 16.5 s and, with the hypervisor taking a fifth of the processor, 34 s;
            // a run that ignored the cancel would take minutes.
            #expect(stopping < .seconds(60), "stopped after \(stopping)")
            #expect(try await Self.total(steward, campaign.id) == 0)
            let resumed = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(job.id)/resume")
            #expect(resumed.status == .accepted, "\(resumed.body)")
            #expect(try steward.decode(ReconciliationJobJSON.self, resumed.body).state == "queued")
            let (_, done) = try await Self.follow(steward, job.id)
            #expect(done.state == "succeeded" && done.attempts == 2 && done.resumedBy == "stp.dulieu", "\(done.reason ?? "")")
            let stored = try #require(done.outcome?.stored)
            let total = try await Self.total(steward, campaign.id)
            #expect(stored > 0 && total == stored)
        }
    }

    @Test("A job left running by a stopped server shows as interrupted, without its staged rows, and resumes", arguments: TestDatabase.backends)
    func interruptedJobResumes(backend: TestDatabase) async throws {
        let directory = try Self.importDirectory(people: 3_000, records: 2_000)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        let ids = LockedBox<(job: String, campaign: String)?>(nil)
        try await withApp(backend, clock: clock, configure: { $0.importDirectory = directory.path }, prepare: { platform in
            _ = try await DemoSeeder(platform: platform).seed()
            let steward = try #require(try await platform.officials.find(username: "stp.dulieu"))
            let campaign = try await platform.worklist.campaign(
                named: "Rà soát gián đoạn", description: nil, createdBy: steward.id, agencyID: steward.agencyID)
            // What the previous process left: a running job with some staged findings and an old heartbeat.
            let jobs = SQLReconciliationJobs(store: platform.store)
            let earlier = clock.now().addingTimeInterval(-3_600)
            let job = try await jobs.create(
                campaignID: campaign.id, inputs: .init(register: "register.csv", source: "source.csv", registerMapping: nil, sourceMapping: nil),
                createdBy: steward.id, at: earlier)
            _ = try #require(try await jobs.claimNext(at: earlier))
            try await jobs.stage(jobID: job.id, findings: [
                FindingInput(sourceRecordID: "X-1", sourceLine: 2, kinds: ["no_match"], citizenID: nil, automatic: false, payload: "{}")
            ])
            ids.set((job.id, campaign.id))
        }) { raw, _ in
            let (jobID, campaignID) = try #require(ids.get())
            let steward = try await Client(client: raw).signedIn("stp.dulieu")
            let (_, interrupted) = try await Self.follow(steward, jobID) { $0.state != "running" }
            #expect(interrupted.state == "interrupted" && interrupted.reason != nil && interrupted.progress.staged == 0)
            #expect(try await Self.total(steward, campaignID) == 0)
            let resumed = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(jobID)/resume")
            #expect(resumed.status == .accepted, "\(resumed.body)")
            let (_, done) = try await Self.follow(steward, jobID)
            #expect(done.state == "succeeded" && done.attempts == 2, "\(done.reason ?? "")")
            #expect(try await Self.total(steward, campaignID) == done.outcome?.stored)
        }
    }

    @Test("Bad input fails the job with the file and nothing visible; other agencies' stewards cannot see it, auditors only read", arguments: TestDatabase.backends)
    func failuresAndScope(backend: TestDatabase) async throws {
        let directory = try Self.importDirectory(people: 300, records: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "record_id;ngay_sinh\n1;01/01/2020\n".write(to: directory.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        try "record_id,full_name\n".write(to: directory.appendingPathComponent("not-a-mapping.json"), atomically: true, encoding: .utf8)
        try await withApp(backend, configure: { $0.importDirectory = directory.path }, prepare: { platform in
            _ = try await DemoSeeder(platform: platform).seed()
            let hash = try await AuthService.hash(DemoSeeder.demoPassword, cost: platform.configuration.bcryptCost)
            let steward = try #require(try await platform.officials.find(username: "stp.dulieu"))
            let other = try #require(platform.reference.agencies.communes.first { $0.id != steward.agencyID })
            for (id, role, agency) in [
                ("other.dulieu", Role.dataSteward, other.id), ("stp.kiemtra", Role.auditor, steward.agencyID),
            ] {
                _ = try await platform.officials.create(
                    Official(id: id, username: id, fullName: "Cán bộ thử", role: role, agencyID: agency, passwordHash: hash))
            }
        }) { raw, _ in
            let steward = try await Client(client: raw).signedIn("stp.dulieu")
            let campaign = try await Self.campaign(steward, "Rà soát lỗi")
            let runs = "/api/v1/campaigns/\(campaign.id)/runs"
            // Refused before anything is queued: a path, a missing file, a mapping that is not one.
            let escape = try await steward.call(.post, runs, json: #"{"register":"../register.csv","source":"source.csv"}"#)
            #expect(escape.status == .unprocessableContent && escape.body.contains("register"))
            let missing = try await steward.call(.post, runs, json: #"{"register":"register.csv","source":"nope.csv"}"#)
            #expect(missing.status == .unprocessableContent && missing.body.contains("source"))
            let mapping = try await steward.call(
                .post, runs, json: #"{"register":"register.csv","source":"source.csv","sourceMapping":"not-a-mapping.json"}"#)
            #expect(mapping.status == .unprocessableContent && mapping.body.contains("sourceMapping"), "\(mapping.body)")
            let applicants = try await steward.call(.post, runs, json: #"{"register":"register.csv","source":"platform:applicants"}"#)
            #expect(applicants.status == .forbidden)
            #expect(try steward.decode([ReconciliationJobJSON].self, try await steward.call(.get, runs).body).isEmpty)
            // A file whose header lacks required columns: the job fails naming the file; nothing is published.
            let bad = try steward.decode(
                ReconciliationJobJSON.self, try await steward.call(.post, runs, json: #"{"register":"register.csv","source":"bad.csv"}"#).body)
            let (_, failed) = try await Self.follow(steward, bad.id)
            #expect(failed.state == "failed" && (failed.reason ?? "").contains("bad.csv"), "\(failed.reason ?? "")")
            #expect(try await Self.total(steward, campaign.id) == 0)
            #expect(try await steward.call(.post, "/api/v1/reconciliation-jobs/\(bad.id)/cancel").status == .conflict)
            // Another agency's steward: the job does not exist for them, whatever they ask.
            let other = try await Client(client: raw).signedIn("other.dulieu")
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/reconciliation-jobs/\(bad.id)"), (.post, "/api/v1/reconciliation-jobs/\(bad.id)/cancel"),
                (.post, "/api/v1/reconciliation-jobs/\(bad.id)/resume"), (.get, runs),
            ] {
                #expect(try await other.call(method, path).status == .notFound, "\(method) \(path)")
            }
            // The agency's auditor follows the job but may not act on it.
            let auditor = try await Client(client: raw).signedIn("stp.kiemtra")
            #expect(try await auditor.call(.get, "/api/v1/reconciliation-jobs/\(bad.id)").status == .ok)
            #expect(try await auditor.call(.get, runs).status == .ok)
            #expect(try await auditor.call(.post, "/api/v1/reconciliation-jobs/\(bad.id)/resume").status == .forbidden)
            #expect(try await auditor.call(.post, runs, json: Self.start).status == .forbidden)
            // A fixed file and a resume: the failed job runs again with the same inputs.
            try FileManager.default.copyItem(at: directory.appendingPathComponent("source.csv"), to: directory.appendingPathComponent("fixed.csv"))
            try FileManager.default.removeItem(at: directory.appendingPathComponent("bad.csv"))
            let gone = try await steward.call(.post, "/api/v1/reconciliation-jobs/\(bad.id)/resume")
            #expect(gone.status == .unprocessableContent && gone.body.contains("bad.csv"), "\(gone.body)")
            try FileManager.default.copyItem(at: directory.appendingPathComponent("fixed.csv"), to: directory.appendingPathComponent("bad.csv"))
            #expect(try await steward.call(.post, "/api/v1/reconciliation-jobs/\(bad.id)/resume").status == .accepted)
            let (_, done) = try await Self.follow(steward, bad.id)
            #expect(done.state == "succeeded" && done.reason == nil, "\(done.reason ?? "")")
        }
    }
}

/// A value shared between a test's preparation and its body.
final class LockedBox<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func get() -> Value { value.withLock { $0 } }
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
}

struct ReconciliationJobJSON: Decodable {
    struct Progress: Decodable, CustomStringConvertible {
        let phase: String?
        let processed: Int
        let total: Int?
        let matched: Int
        let rate: Double?
        let staged: Int
        var description: String { "\(phase ?? "-") \(processed)/\(total.map(String.init) ?? "?") staged \(staged)" }
    }
    let id: String
    let campaignId: String
    let register: String
    let source: String
    let state: String
    let reason: String?
    let progress: Progress
    let outcome: RunSummaryJSON?
    let attempts: Int
    let createdBy: String
    let resumedBy: String?
    let finishedAt: String?

    var isFinished: Bool { ["cancelled", "failed", "interrupted", "succeeded"].contains(state) }
}
