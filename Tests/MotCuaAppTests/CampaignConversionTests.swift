import Foundation
import HTTPTypes
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaReconciliation
import MotCuaRegistrySandbox
import MotCuaSandboxService
import MotCuaStorage
import MotCuaTestSupport
import Synchronization
import Testing

/// Land and insurance campaigns (issue 12, items 3 and 5): a source file written from the sandbox's own land or
/// insurance data is reconciled against the sandbox's register, the automatic old-ID conversions are queued in
/// bulk, and the dispatcher delivers them to the sandbox over HTTP.
@Suite("Land and insurance campaigns: bulk conversion through the registry outbox")
struct CampaignConversionTests {
    enum Source {
        case land, insurance

        var update: String { self == .land ? "convert_land_owner" : "convert_insurance_holder" }
    }

    struct ListingJSON: Decodable {
        struct Item: Decodable {
            struct Request: Decodable {
                struct Update: Decodable {
                    let kind: String
                    let parcelId: String?
                    let legacyId: String?
                    let citizenId: String?
                }
                let requestId: String
                let registry: String
                let update: Update
                let state: String
                let attempts: Int
                let message: String?
                let lastError: String?
            }
            let request: Request
            let originRef: String
            let campaignId: String?
        }
        let items: [Item]
        let next: String?
    }

    struct BatchJSON: Decodable {
        let examined: Int
        let queued: Int
        let leftForReview: Int
        let chunks: Int
        let complete: Bool
    }

    static func freshRegistry() -> NationalRegistry { RegistryGenerator(seed: 5, people: 3_000).generate() }

    /// Writes the register and the campaign's source from `registry`, reconciles them and stores the findings
    /// that need a decision in a new campaign of the justice department; returns the campaign's id.
    static func reconcile(_ source: Source, registry: NationalRegistry, configuration: AppConfiguration) async throws -> (String, CampaignSourceExport.Written) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-campaign-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let register = directory.appendingPathComponent("register.csv")
        let file = directory.appendingPathComponent("source.csv")
        try RegisterExport.writeCSV(registry, to: register)
        let written: CampaignSourceExport.Written
        let mapping: [String: String]
        switch source {
        case .land:
            written = try CampaignSourceExport.writeLand(registry, to: file)
            mapping = CampaignSourceExport.landMapping
        case .insurance:
            written = try CampaignSourceExport.writeInsurance(registry, to: file)
            mapping = CampaignSourceExport.insuranceMapping
        }
        let collected = FindingsCollector()
        _ = try await Reconciler.run(
            ReconciliationOptions(register: register, source: file, sourceMapping: ColumnMapping(columns: mapping), parallelism: 1),
            findings: { batch in collected.add(batch) })
        let inputs = try collected.findings.filter { $0.kinds != [.consistentMatch] }.map {
            FindingInput($0)
        }
        let campaignID = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            let campaign = try await platform.worklist.campaign(
                named: "Chuyển đổi " + UUID().uuidString.prefix(8), description: nil, createdBy: "test", agencyID: "so-tu-phap")
            try await platform.worklist.storeRun(campaignID: campaign.id, sourceName: "source.csv", findings: inputs, createdBy: "test")
            return campaign.id
        }
        return (campaignID, written)
    }

    final class FindingsCollector: Sendable {
        let state = Mutex<[ReconciliationFinding]>([])
        func add(_ batch: [ReconciliationFinding]) { state.withLock { $0 += batch } }
        var findings: [ReconciliationFinding] { state.withLock { $0 } }
    }

    static func apply(_ steward: Client, campaign: String, _ source: Source) async throws -> BatchJSON {
        let response = try await steward.call(.post, "/api/v1/campaigns/\(campaign)/conversions", json: #"{"update":"\#(source.update)"}"#)
        #expect(response.status == .ok, "\(response.body)")
        return try steward.decode(BatchJSON.self, response.body)
    }

    /// Every update request of the campaign, as the provincial auditor reads them.
    static func requests(_ auditor: Client, campaign: String) async throws -> [ListingJSON.Item] {
        var items: [ListingJSON.Item] = []
        var after = ""
        while true {
            let response = try await auditor.call(.get, "/api/v1/registry-updates?campaign=\(campaign)&limit=200" + (after.isEmpty ? "" : "&after=\(after)"))
            #expect(response.status == .ok, "\(response.body)")
            let page = try auditor.decode(ListingJSON.self, response.body)
            items += page.items
            guard let next = page.next else { return items }
            after = next
        }
    }

    /// Polls the listing until `done` holds (240 s at most: the dispatcher sends one request after the other, slow on a
    /// loaded machine in a debug build; a CI run with every suite at once delivered 139 of 236 in 90 s).
    @discardableResult
    static func waitFor(_ auditor: Client, campaign: String, _ done: ([ListingJSON.Item]) -> Bool) async throws -> [ListingJSON.Item] {
        let deadline = ContinuousClock.now + .seconds(240)
        while true {
            let items = try await requests(auditor, campaign: campaign)
            if done(items) { return items }
            guard ContinuousClock.now < deadline else {
                Issue.record("the requests did not reach the expected state: \(items.map(\.request.state))")
                return items
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func withCampaignApp(
        _ backend: TestDatabase, registry: NationalRegistry, clock: TestClock,
        _ body: @Sendable (Client, Client, EmbeddedRegistrySandbox, AppConfiguration) async throws -> Void
    ) async throws {
        try await withSandboxApp(
            backend, clock: clock, configure: { $0.registryOutbox.pollInterval = .milliseconds(50) }, registry: registry
        ) { client, sandbox, configuration in
            let raw = Client(client: client)
            try await body(try await raw.signedIn("stp.dulieu"), try await raw.signedIn("hcc.thanhtra"), sandbox, configuration)
        }
    }

    @Test("A land campaign from a generated file converts the old IDs; the land database then names the holders by citizen ID", arguments: TestDatabase.backends)
    func landCampaignConverts(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        try await Self.withCampaignApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, auditor, sandbox, configuration in
            let (campaign, written) = try await Self.reconcile(.land, registry: registry, configuration: configuration)
            #expect(written.withOldID >= 20 && written.oldIDLost > 0, "\(written)")
            let batch = try await Self.apply(steward, campaign: campaign, .land)
            // Every record carrying its old ID is linked by it (the name is compared, the ID decides).
            #expect(batch.complete && batch.queued >= written.withOldID * 95 / 100 && batch.queued <= written.withOldID, "\(batch) \(written)")
            // Applying again queues nothing new.
            let again = try await Self.apply(steward, campaign: campaign, .land)
            #expect(again.queued == 0 && again.complete)
            let items = try await Self.waitFor(auditor, campaign: campaign) { items in
                items.count == batch.queued && items.allSatisfy { $0.request.state == "accepted" }
            }
            #expect(sandbox.ledger.appliedCount == batch.queued)
            for item in items {
                let update = item.request.update
                #expect(item.request.registry == "land" && update.kind == "convert_land_owner" && item.campaignId == campaign)
                let parcelID = try #require(update.parcelId)
                let parcel = try #require(sandbox.registry.landParcel(id: parcelID))
                let legacy = try #require(update.legacyId.flatMap(LegacyID.init))
                let holder = try #require(registry.person(legacyID: legacy))
                #expect(parcel.owners.contains(.citizenID(holder.citizenID)) && !parcel.owners.contains(.legacyID(legacy)))
            }
            // The findings are accepted, so a steward does not decide them again.
            let accepted = try await steward.call(.get, "/api/v1/campaigns/\(campaign)/findings?status=accepted&limit=500")
            #expect(try steward.decode(FindingPageJSON.self, accepted.body).items.count == batch.queued)
        }
    }

    @Test("An insurance campaign aligns participants keyed by old ID with the population register", arguments: TestDatabase.backends)
    func insuranceCampaignAligns(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        try await Self.withCampaignApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, auditor, sandbox, configuration in
            let (campaign, written) = try await Self.reconcile(.insurance, registry: registry, configuration: configuration)
            #expect(written.withOldID > 0, "\(written)")
            let batch = try await Self.apply(steward, campaign: campaign, .insurance)
            #expect(batch.queued >= 1 && batch.queued <= written.withOldID, "\(batch) \(written)")
            let items = try await Self.waitFor(auditor, campaign: campaign) { items in
                items.count == batch.queued && items.allSatisfy { $0.request.state == "accepted" }
            }
            for item in items {
                #expect(item.request.registry == "social_insurance")
                let citizenText = try #require(item.request.update.citizenId)
                let citizen = try CitizenID(citizenText)
                let record = try #require(sandbox.registry.insurance(for: citizen))
                #expect(record.holderID == citizen && record.holderLegacyID == nil)
            }
        }
    }

    @Test("A registry outage during dispatch loses nothing; a refusal shows the registry's reason", arguments: TestDatabase.backends)
    func outageAndRefusal(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await Self.withCampaignApp(backend, registry: registry, clock: clock) { steward, auditor, sandbox, configuration in
            let (campaign, _) = try await Self.reconcile(.insurance, registry: registry, configuration: configuration)
            // The registry is down when the conversions are queued.
            sandbox.faults.set(SandboxFaults.Fault(failStatus: 503), for: RegistrySource?.none)
            let batch = try await Self.apply(steward, campaign: campaign, .insurance)
            #expect(batch.queued >= 1)
            let failed = try await Self.waitFor(auditor, campaign: campaign) { items in
                items.count == batch.queued && items.allSatisfy { $0.request.state == "queued" && $0.request.attempts == 1 }
            }
            // The first failures are the registry's 503s; then the connector's circuit breaker opens and the rest
            // fail fast: every one is queued again with the failure, none is lost.
            #expect(failed.allSatisfy { $0.request.lastError != nil } && failed.contains { $0.request.lastError?.contains("503") == true })
            #expect(sandbox.ledger.appliedCount == 0)
            // Meanwhile someone converts the first participant at the insurance database itself: that request
            // will be refused, with the registry's reason.
            let firstText = try #require(failed.first?.request.update.citizenId)
            let first = try CitizenID(firstText)
            try sandbox.registry.apply(.convertInsuranceHolder(first))
            sandbox.faults.clear()
            // The retries come when due (the test clock moves five minutes at a time) and once the breaker's
            // ten-second cool-down (real time) has passed.
            var done: [ListingJSON.Item] = []
            let deadline = ContinuousClock.now + .seconds(90)
            while ContinuousClock.now < deadline {
                clock.set(clock.now().addingTimeInterval(300))
                try await Task.sleep(for: .milliseconds(500))
                done = try await Self.requests(auditor, campaign: campaign)
                if done.count == batch.queued && done.allSatisfy({ $0.request.state == "accepted" || $0.request.state == "refused" }) { break }
            }
            let refused = done.filter { $0.request.state == "refused" }
            #expect(refused.count == 1 && refused.first?.request.update.citizenId == first.value)
            #expect(refused.first?.request.message == RegistryUpdateError(.alreadyApplied).description)
            #expect(sandbox.ledger.appliedCount == batch.queued - 1)
            // The refusal shows on the finding too.
            let findings = try await steward.call(.get, "/api/v1/campaigns/\(campaign)/findings?status=accepted&limit=500")
            let page = try steward.decode(FindingPageJSON.self, findings.body)
            let finding = try #require(page.items.first { $0.id == refused.first?.originRef })
            #expect(finding.registryUpdates?.first?.state == "refused" && finding.registryUpdates?.first?.message != nil)
            // Only refused requests are listed when asked for them; an agency's steward may not list (auditors and provincial stewards).
            let onlyRefused = try await auditor.call(.get, "/api/v1/registry-updates?campaign=\(campaign)&state=refused")
            #expect(try auditor.decode(ListingJSON.self, onlyRefused.body).items.count == 1)
            #expect(try await steward.call(.get, "/api/v1/registry-updates").status == .forbidden)
        }
    }
}
