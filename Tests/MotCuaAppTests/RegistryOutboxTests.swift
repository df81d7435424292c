import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

/// Two-way sharing: a steward's accepted correction becomes an update request in the outbox, which the
/// dispatcher delivers to the registry sandbox over HTTP, through outages, once.
@Suite("Two-way sharing: the registry outbox")
struct RegistryOutboxTests {
    /// A fresh registry per test: the updates change it.
    static func freshRegistry() -> NationalRegistry { RegistryGenerator(seed: 3, people: 2_000).generate() }

    static func person(in registry: NationalRegistry, where predicate: (PopulationRecord) -> Bool) throws -> PopulationRecord {
        var position = 0
        while let person = registry.person(at: position) {
            if predicate(person) { return person }
            position += 1
        }
        throw TestFailure("the test registry has no such person")
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A living person whose registered marriage the population profile lags behind, with that marriage.
    static func laggingMarriage(in registry: NationalRegistry) throws -> (PopulationRecord, CivilStatusRegistration) {
        let person = try person(in: registry) {
            $0.deceasedOn == nil && $0.maritalStatus == .single
                && MaritalHistory($0.citizenID, registrations: registry.civilStatus(for: $0.citizenID)).currentMarriage != nil
        }
        let marriage = try #require(MaritalHistory(person.citizenID, registrations: registry.civilStatus(for: person.citizenID)).currentMarriage)
        return (person, marriage)
    }

    /// The finding as the reconciliation engine stores it: the person linked, the ID the record carried.
    static func payload(_ record: String, kind: String, citizenID: String, recordedID: String) -> String {
        #"{"sourceRecordID":"\#(record)","sourceLine":2,"kinds":["\#(kind)"],"method":"exact_id","automatic":true,"citizenID":"\#(citizenID)","recordedID":"\#(recordedID)","discrepancies":[],"evidence":[]}"#
    }

    /// Stores a campaign of the justice department with one finding per (record, kind, person, recorded ID).
    static func storeFindings(
        _ configuration: AppConfiguration, _ findings: [(record: String, kind: String, citizenID: String, recordedID: String)]
    ) async throws -> String {
        try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            let campaign = try await platform.worklist.campaign(
                named: "Liên thông " + UUID().uuidString.prefix(8), description: nil, createdBy: "test", agencyID: "so-tu-phap")
            let inputs = findings.enumerated().map { index, f in
                FindingInput(
                    sourceRecordID: f.record, sourceLine: index + 2, kinds: [f.kind], citizenID: f.citizenID, automatic: true,
                    payload: Self.payload(f.record, kind: f.kind, citizenID: f.citizenID, recordedID: f.recordedID))
            }
            try await platform.worklist.storeRun(campaignID: campaign.id, sourceName: "test.csv", findings: inputs, createdBy: "test")
            return campaign.id
        }
    }

    /// Runs the application against `registry`, its dispatcher looking for due requests every 50 ms.
    static func withOutboxApp(
        _ backend: TestDatabase, registry: NationalRegistry, clock: TestClock,
        _ body: @Sendable (Client, EmbeddedRegistrySandbox, AppConfiguration) async throws -> Void
    ) async throws {
        try await withSandboxApp(
            backend, clock: clock, configure: { $0.registryOutbox.pollInterval = .milliseconds(50) }, registry: registry
        ) { client, sandbox, configuration in
            try await body(try await Client(client: client).signedIn("stp.dulieu"), sandbox, configuration)
        }
    }

    static func findings(_ steward: Client, campaign: String) async throws -> [FindingJSON] {
        let response = try await steward.call(.get, "/api/v1/campaigns/\(campaign)/findings")
        #expect(response.status == .ok, "\(response.body)")
        return try steward.decode(FindingPageJSON.self, response.body).items
    }

    /// Polls the steward's worklist until every finding's update requests satisfy `done` (60 s at most: a deadline for a hang, not a speed target; CI runs every suite at once on two cores).
    @discardableResult
    static func waitFor(
        _ steward: Client, campaign: String, _ done: ([FindingJSON]) -> Bool
    ) async throws -> [FindingJSON] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let items = try await findings(steward, campaign: campaign)
            if done(items) { return items }
            guard ContinuousClock.now < deadline else {
                Issue.record("the outbox did not reach the expected state: \(items.map { $0.registryUpdates ?? [] })")
                return items
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func decide(_ steward: Client, _ finding: String, _ json: String) async throws -> (status: HTTPResponse.Status, body: String) {
        let response = try await steward.call(.post, "/api/v1/findings/\(finding)/decisions", json: json)
        return (response.status, response.body)
    }

    @Test("A steward accepts a marriage correction; the population database then answers with the spouse", arguments: TestDatabase.backends)
    func acceptedMarriageReachesPopulation(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let (person, marriage) = try Self.laggingMarriage(in: registry)
        let spouse = try #require(marriage.parties.first { $0.citizenID != person.citizenID }?.citizenID)
        try await Self.withOutboxApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, sandbox, configuration in
            let campaign = try await Self.storeFindings(
                configuration, [("HT-1", "event_missing_from_register", person.citizenID.value, person.citizenID.value)])
            let finding = try #require(try await Self.findings(steward, campaign: campaign).first)
            let decided = try await Self.decide(
                steward, finding.id,
                #"{"decision":"accept","version":1,"registryUpdate":{"kind":"apply_marriage_registration","registrationNumber":"\#(marriage.registrationNumber)"}}"#)
            #expect(decided.status == .ok, "\(decided.body)")
            // The request is there as soon as the decision is: written in the same transaction.
            let queued = try steward.decode(FindingJSON.self, decided.body)
            #expect(queued.status == "accepted" && queued.registryUpdates?.count == 1)
            #expect(queued.registryUpdates?.first?.update.kind == "apply_marriage_registration")
            let items = try await Self.waitFor(steward, campaign: campaign) { $0.first?.registryUpdates?.first?.state == "accepted" }
            let request = try #require(items.first?.registryUpdates?.first)
            #expect(request.registry == "civil_status" && request.attempts == 1 && request.reference == marriage.registrationNumber)
            #expect(request.nextAttemptAt == nil && request.message?.contains("the registry has applied the update") == true)
            let profile = try #require(sandbox.registry.person(id: person.citizenID))
            #expect(profile.maritalStatus == .married && profile.spouseID == spouse)
            #expect(sandbox.registry.person(id: spouse)?.spouseID == person.citizenID)
            #expect(sandbox.ledger.appliedCount == 1)
            // Over HTTP as well, as any platform look-up sees it.
            let client = HTTPRegistryClient(httpClient: .shared, configuration: .init(baseURL: sandbox.baseURL))
            let context = RegistryCallContext(agencyIdentifier: "test", userID: "test", purpose: .counterLookup(note: "test"))
            #expect(try await client.person(person.citizenID, context: context)?.spouseID == spouse)
        }
    }

    @Test("A land campaign correction converts an old 9-digit ID and the land database reflects it", arguments: TestDatabase.backends)
    func landOwnerConverted(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let owner = try Self.person(in: registry) { person in
            person.legacyID.map { !registry.landParcels(legacyOwner: $0).isEmpty } ?? false
        }
        let legacy = try #require(owner.legacyID)
        let parcel = try #require(registry.landParcels(legacyOwner: legacy).first)
        try await Self.withOutboxApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, sandbox, configuration in
            let campaign = try await Self.storeFindings(configuration, [(parcel.parcelID, "legacy_id_conversion", owner.citizenID.value, legacy.value)])
            let finding = try #require(try await Self.findings(steward, campaign: campaign).first)
            // The old ID must be the one the record carried.
            let wrong = try await Self.decide(
                steward, finding.id,
                #"{"decision":"accept","version":1,"registryUpdate":{"kind":"convert_land_owner","parcelId":"\#(parcel.parcelID)","legacyId":"000000001"}}"#)
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("registryUpdate.legacyId"), "\(wrong.body)")
            let decided = try await Self.decide(
                steward, finding.id,
                #"{"decision":"accept","version":1,"registryUpdate":{"kind":"convert_land_owner","parcelId":"\#(parcel.parcelID)","legacyId":"\#(legacy.value)"}}"#)
            #expect(decided.status == .ok, "\(decided.body)")
            let items = try await Self.waitFor(steward, campaign: campaign) { $0.first?.registryUpdates?.first?.state == "accepted" }
            #expect(items.first?.registryUpdates?.first?.registry == "land")
            let after = try #require(sandbox.registry.landParcel(id: parcel.parcelID))
            #expect(after.owners.contains(.citizenID(owner.citizenID)) && !after.owners.contains(.legacyID(legacy)))
            #expect(sandbox.registry.landParcels(owner: owner.citizenID).contains { $0.parcelID == parcel.parcelID })
        }
    }

    @Test("An outage during dispatch loses nothing: queued requests are delivered after recovery, each applied once", arguments: TestDatabase.backends)
    func outageLosesNothing(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let (first, marriage) = try Self.laggingMarriage(in: registry)
        let owner = try Self.person(in: registry) { person in
            person.legacyID.map { !registry.landParcels(legacyOwner: $0).isEmpty } ?? false
        }
        let legacy = try #require(owner.legacyID)
        let parcel = try #require(registry.landParcels(legacyOwner: legacy).first)
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await Self.withOutboxApp(backend, registry: registry, clock: clock) { steward, sandbox, configuration in
            let campaign = try await Self.storeFindings(
                configuration,
                [
                    ("HT-1", "event_missing_from_register", first.citizenID.value, first.citizenID.value),
                    (parcel.parcelID, "legacy_id_conversion", owner.citizenID.value, legacy.value),
                ])
            // The registry is down (every update answers 503) when the stewards decide.
            sandbox.faults.set(SandboxFaults.Fault(failStatus: 503), for: RegistrySource?.none)
            let items = try await Self.findings(steward, campaign: campaign)
            #expect(try await Self.decide(
                steward, items[0].id,
                #"{"decision":"accept","version":1,"registryUpdate":{"kind":"apply_marriage_registration","registrationNumber":"\#(marriage.registrationNumber)"}}"#
            ).status == .ok)
            #expect(try await Self.decide(
                steward, items[1].id,
                #"{"decision":"edit","version":1,"correction":{"citizen_id":"\#(owner.citizenID.value)"},"registryUpdate":{"kind":"convert_land_owner","parcelId":"\#(parcel.parcelID)","legacyId":"\#(legacy.value)"}}"#
            ).status == .ok)
            let failed = try await Self.waitFor(steward, campaign: campaign) { items in
                items.allSatisfy { $0.registryUpdates?.first.map { $0.state == "queued" && $0.attempts == 1 && $0.lastError != nil } ?? false }
            }
            // Retried later (30 s doubling, jittered to half or more), not at once: the clock has not moved.
            for request in failed.compactMap({ $0.registryUpdates?.first }) {
                let wait = try #require(request.nextAttemptAt).timeIntervalSince(clock.now())
                #expect(wait >= 15 && wait <= 30, "\(wait)")
                #expect(request.lastError?.contains("503") == true)
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(sandbox.faults.requestCount(RegistrySource?.none) == 2 && sandbox.ledger.appliedCount == 0)
            // Still down at the next attempt: the wait doubles.
            clock.set(clock.now().addingTimeInterval(31))
            let second = try await Self.waitFor(steward, campaign: campaign) { items in
                items.allSatisfy { $0.registryUpdates?.first.map { $0.state == "queued" && $0.attempts == 2 } ?? false }
            }
            for request in second.compactMap({ $0.registryUpdates?.first }) {
                let wait = try #require(request.nextAttemptAt).timeIntervalSince(clock.now())
                #expect(wait >= 30 && wait <= 60, "\(wait)")
            }
            // The registry recovers; when the requests are due they are delivered.
            sandbox.faults.clear()
            clock.set(clock.now().addingTimeInterval(61))
            let delivered = try await Self.waitFor(steward, campaign: campaign) { items in
                items.allSatisfy { $0.registryUpdates?.first?.state == "accepted" }
            }
            #expect(delivered.allSatisfy { $0.registryUpdates?.count == 1 && $0.registryUpdates?.first?.attempts == 3 })
            #expect(sandbox.ledger.appliedCount == 2 && sandbox.faults.requestCount(RegistrySource?.none) == 6)
            #expect(sandbox.registry.person(id: first.citizenID)?.maritalStatus == .married)
            #expect(sandbox.registry.landParcel(id: parcel.parcelID)?.owners.contains(.citizenID(owner.citizenID)) == true)
            // Nothing more is sent once they are accepted.
            clock.set(clock.now().addingTimeInterval(7_200))
            try await Task.sleep(for: .milliseconds(300))
            #expect(sandbox.faults.requestCount(RegistrySource?.none) == 6)
        }
    }

    /// `count` couples of living, single people of marriageable age, no one twice.
    static func marriageableCouples(in registry: NationalRegistry, count: Int) throws -> [(husband: PopulationRecord, wife: PopulationRecord)] {
        func eligible(_ person: PopulationRecord, _ sex: Sex, _ age: Int) -> Bool {
            person.sex == sex && person.maritalStatus == .single && person.deceasedOn == nil && person.spouseID == nil
                && person.dateOfBirth.year + age < 2026
                && MaritalHistory(person.citizenID, registrations: registry.civilStatus(for: person.citizenID)).currentMarriage == nil
        }
        var men: [PopulationRecord] = [], women: [PopulationRecord] = []
        var position = 0
        while let person = registry.person(at: position), men.count < count || women.count < count {
            if men.count < count, eligible(person, .male, 21) { men.append(person) }
            if women.count < count, eligible(person, .female, 19) { women.append(person) }
            position += 1
        }
        guard men.count == count, women.count == count else { throw TestFailure("the test registry has too few single adults") }
        return Array(zip(men, women))
    }

    @Test("Updates about the same people reach the registry in decision order through an outage; independent ones are sent together", arguments: TestDatabase.backends)
    func samePeopleInDecisionOrder(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let couples = try Self.marriageableCouples(in: registry, count: 6)
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withSandboxApp(
            backend, clock: clock, configure: { $0.registryOutbox.pollInterval = .milliseconds(50) }, registry: registry
        ) { _, sandbox, configuration in
            // Down, and slow to say so: the first attempts overlap if the dispatcher sends in parallel.
            sandbox.faults.set(SandboxFaults.Fault(failStatus: 503, delayMs: 300), for: RegistrySource?.none)
            func requests() async throws -> (marriages: [RegistryUpdateRequest], divorces: [RegistryUpdateRequest]) {
                try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                    let outbox = platform.worklist.registryOutbox
                    var marriages: [RegistryUpdateRequest] = [], divorces: [RegistryUpdateRequest] = []
                    for request in try await outbox.requests(originKind: "dossier", references: ["TEST-KH", "TEST-LH"]).values.joined() {
                        if case .registerMarriage = request.update { marriages.append(request) } else { divorces.append(request) }
                    }
                    return (marriages, divorces)
                }
            }
            // Each couple marries, then divorces, decided in that order while the registry is down.
            try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                let outbox = platform.worklist.registryOutbox
                for (husband, wife) in couples {
                    try await outbox.enqueue(
                        .registerMarriage(husband: husband.citizenID, wife: wife.citizenID, date: LocalDate(year: 2026, month: 11, day: 2)!, communeCode: "09187"),
                        origin: .dossier(code: "TEST-KH"), agencyID: nil, requestedBy: "test", at: clock.now())
                }
                for (husband, wife) in couples {
                    try await outbox.enqueue(
                        .registerDivorce(
                            husband: husband.citizenID, wife: wife.citizenID, date: LocalDate(year: 2026, month: 12, day: 1)!,
                            decision: "Bản án số 12/2026/HNGĐ-ST ngày 20/11/2026", communeCode: "09187"),
                        origin: .dossier(code: "TEST-LH"), agencyID: nil, requestedBy: "test", at: clock.now())
                }
            }
            // Two rounds of the outage: each marriage is tried and queued again, jittered; no divorce is sent
            // while its marriage is undelivered, though it has been due all along.
            for round in 1...2 {
                let deadline = ContinuousClock.now + .seconds(60)
                var (marriages, divorces) = try await requests()
                while !marriages.allSatisfy({ $0.state == .queued && $0.attempts == round }), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    (marriages, divorces) = try await requests()
                }
                #expect(marriages.count == couples.count && marriages.allSatisfy { $0.state == .queued && $0.attempts == round }, "\(marriages)")
                #expect(divorces.count == couples.count && divorces.allSatisfy { $0.attempts == 0 }, "\(divorces)")
                clock.set(clock.now().addingTimeInterval(61))
            }
            #expect(sandbox.faults.peakInFlight > 1, "the six independent marriages were sent one at a time")
            // The registry recovers: every marriage, then every divorce, is applied; none is refused.
            sandbox.faults.clear()
            let deadline = ContinuousClock.now + .seconds(60)
            var (marriages, divorces) = try await requests()
            while !(marriages + divorces).allSatisfy({ $0.state == .accepted || $0.state == .refused }), ContinuousClock.now < deadline {
                clock.set(clock.now().addingTimeInterval(7_200))
                try await Task.sleep(for: .milliseconds(100))
                (marriages, divorces) = try await requests()
            }
            #expect((marriages + divorces).allSatisfy { $0.state == .accepted }, "\((marriages + divorces).map { ($0.state, $0.message ?? "") })")
            #expect(sandbox.ledger.appliedCount == 2 * couples.count)
            for (husband, wife) in couples {
                #expect(sandbox.registry.person(id: husband.citizenID)?.maritalStatus == .divorced)
                #expect(sandbox.registry.person(id: wife.citizenID)?.maritalStatus == .divorced)
            }
        }
    }

    /// Delivering a campaign's requests to a registry some milliseconds away, one at a time against the default
    /// eight at a time, measured when `MOTCUA_MEASURE_DELIVERY` is "count,latency in ms" (e.g. `1000,20`; at most
    /// 2,000 requests, one per person of the test registry); the figures go to BENCHMARKS.md.
    @Test("Delivery pace against a distant registry (measured on demand)", arguments: TestDatabase.backends)
    func measureDelivery(backend: TestDatabase) async throws {
        guard let spec = ProcessInfo.processInfo.environment["MOTCUA_MEASURE_DELIVERY"]?.split(separator: ",").compactMap({ Int($0) }),
            spec.count == 2
        else { return }
        let (count, latency) = (min(spec[0], 2_000), spec[1])
        for concurrency in [1, RegistryOutboxSchedule().concurrency] {
            let registry = Self.freshRegistry()
            let people = (0..<count).compactMap { registry.person(at: $0)?.citizenID }
            let clock = TestClock(vietnamTime(2026, 12, 7, 9))
            try await withSandboxApp(
                backend, clock: clock,
                configure: {
                    $0.registryOutbox.pollInterval = .milliseconds(50)
                    $0.registryOutbox.concurrency = concurrency
                }, registry: registry
            ) { _, sandbox, configuration in
                sandbox.faults.set(SandboxFaults.Fault(delayMs: latency), for: RegistrySource?.none)
                try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                    // Queued due in an hour, so that delivery starts with all of them queued, when the clock moves.
                    let later = clock.now().addingTimeInterval(3_600)
                    for person in people {
                        try await platform.worklist.registryOutbox.enqueue(
                            .convertInsuranceHolder(person), origin: .dossier(code: "TEST-BHXH"), agencyID: nil, requestedBy: "test", at: later)
                    }
                    let started = ContinuousClock.now
                    clock.set(later.addingTimeInterval(1))
                    var finished = 0
                    while finished < people.count, ContinuousClock.now - started < .seconds(600) {
                        try await Task.sleep(for: .milliseconds(100))
                        finished = try await platform.store.read { database in
                            try await database.raw("SELECT COUNT(*) AS n FROM registry_outbox WHERE state IN ('accepted', 'refused')").first()?
                                .decode(column: "n", as: Int.self) ?? 0
                        }
                    }
                    let elapsed = ContinuousClock.now - started
                    #expect(finished == people.count)
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    print(
                        "MEASURE \(backend) delivery requests=\(people.count) latency=\(latency)ms concurrency=\(concurrency) "
                            + "time=\(elapsed) rate=\(Int(Double(people.count) / seconds))/s peak-in-flight=\(sandbox.faults.peakInFlight)")
                }
            }
        }
    }

    @Test("A request sent but not recorded (the process stopped) is sent again with its request id and applied once", arguments: TestDatabase.backends)
    func unrecordedSendIsReplayedOnce(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let (person, marriage) = try Self.laggingMarriage(in: registry)
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        // The dispatcher of the application under test waits: only this test's "previous process" sends at first.
        try await withSandboxApp(
            backend, clock: clock, configure: { $0.registryOutbox.pollInterval = .milliseconds(50) }, registry: registry
        ) { _, sandbox, configuration in
            let update = RegistryUpdate.applyMarriageRegistration(registrationNumber: marriage.registrationNumber)
            let (requestID, firstReceipt) = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                let outbox = platform.worklist.registryOutbox
                // Queued for later, so that the running dispatcher leaves it alone while the "previous process" works.
                let later = clock.now().addingTimeInterval(3_600)
                let id = try await outbox.enqueue(update, origin: .dossier(code: "TEST-0001"), agencyID: nil, requestedBy: "test", at: later)
                let request = try #require(try await outbox.request(id))
                // The previous process claims it, sends it, and stops before recording the answer.
                let claimed = try #require(try await outbox.claim(request, at: later, leaseUntil: later.addingTimeInterval(120)))
                #expect(claimed.state == .sent && claimed.attempts == 1)
                #expect(try await outbox.claim(request, at: later, leaseUntil: later.addingTimeInterval(120)) == nil)
                let client = HTTPRegistryClient(httpClient: .shared, configuration: .init(baseURL: sandbox.baseURL))
                let receipt = try await client.submit(
                    update, context: RegistryCallContext(agencyIdentifier: "test", userID: "test", purpose: .dossier(code: "TEST-0001"), requestID: id))
                return (id, receipt)
            }
            #expect(sandbox.ledger.appliedCount == 1)
            // Once the lease has passed, the dispatcher sends it again; the registry answers the original receipt.
            clock.set(clock.now().addingTimeInterval(3_600 + 121))
            let deadline = ContinuousClock.now + .seconds(60)
            var final: RegistryUpdateRequest?
            while ContinuousClock.now < deadline {
                final = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { try await $0.worklist.registryOutbox.request(requestID) }
                if final?.state == .accepted { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let request = try #require(final)
            #expect(request.state == .accepted && request.attempts == 2 && request.reference == firstReceipt.reference)
            #expect(sandbox.ledger.appliedCount == 1 && sandbox.faults.requestCount(RegistrySource?.none) == 2)
            let events = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { try await $0.worklist.registryOutbox.events(requestID) }
            #expect(events.map(\.state) == [.queued, .sent, .sent, .accepted] && events.map(\.attempt) == [0, 1, 2, 2])
        }
    }

    @Test("A refusal shows the registry's reason on the finding, is never retried, and the decision stands", arguments: TestDatabase.backends)
    func refusalShowsReason(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let (person, _) = try Self.laggingMarriage(in: registry)
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await Self.withOutboxApp(backend, registry: registry, clock: clock) { steward, sandbox, configuration in
            let campaign = try await Self.storeFindings(
                configuration, [("HT-1", "event_missing_from_register", person.citizenID.value, person.citizenID.value)])
            let finding = try #require(try await Self.findings(steward, campaign: campaign).first)
            let number = "KH-09187-2026-999999"
            #expect(try await Self.decide(
                steward, finding.id,
                #"{"decision":"accept","version":1,"registryUpdate":{"kind":"apply_marriage_registration","registrationNumber":"\#(number)"}}"#
            ).status == .ok)
            let items = try await Self.waitFor(steward, campaign: campaign) { $0.first?.registryUpdates?.first?.state == "refused" }
            let request = try #require(items.first?.registryUpdates?.first)
            #expect(request.message == RegistryUpdateError(.registrationNotFound(number)).description)
            #expect(request.attempts == 1 && request.nextAttemptAt == nil && items.first?.status == "accepted")
            clock.set(clock.now().addingTimeInterval(86_400))
            try await Task.sleep(for: .milliseconds(300))
            #expect(sandbox.faults.requestCount(RegistrySource?.none) == 1 && sandbox.ledger.appliedCount == 0)
            // A day later (a new sign-in: the first has expired) the refusal is still there, unchanged.
            let nextDay = try await Client(client: steward.client).signedIn("stp.dulieu")
            #expect(try await Self.findings(nextDay, campaign: campaign).first?.registryUpdates?.first?.state == "refused")
        }
    }

    @Test("A registry update that is malformed, goes with a rejection or concerns someone else is refused naming the field, and nothing is written", arguments: TestDatabase.backends)
    func badRegistryUpdates(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        let (person, marriage) = try Self.laggingMarriage(in: registry)
        let other = try Self.person(in: registry) { $0.citizenID != person.citizenID && $0.deceasedOn == nil }
        try await Self.withOutboxApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, sandbox, configuration in
            let campaign = try await Self.storeFindings(
                configuration, [("HT-1", "event_missing_from_register", person.citizenID.value, person.citizenID.value)])
            let finding = try #require(try await Self.findings(steward, campaign: campaign).first)
            let cases: [(json: String, field: String)] = [
                (#"{"decision":"reject","version":1,"reason":"sai","registryUpdate":{"kind":"apply_marriage_registration","registrationNumber":"\#(marriage.registrationNumber)"}}"#, "registryUpdate"),
                (#"{"decision":"accept","version":1,"registryUpdate":{"kind":"apply_marriage_registration"}}"#, "registryUpdate.registrationNumber"),
                (#"{"decision":"accept","version":1,"registryUpdate":{"kind":"register_death","citizenId":"12345","date":"2026-11-01","communeCode":"09187"}}"#, "registryUpdate.citizenId"),
                (#"{"decision":"accept","version":1,"registryUpdate":{"kind":"register_death","citizenId":"\#(person.citizenID.value)","date":"2026-13-01","communeCode":"09187"}}"#, "registryUpdate.date"),
                (#"{"decision":"accept","version":1,"registryUpdate":{"kind":"register_death","citizenId":"\#(person.citizenID.value)","date":"2026-11-01","communeCode":"9187"}}"#, "registryUpdate.communeCode"),
                (#"{"decision":"accept","version":1,"registryUpdate":{"kind":"convert_insurance_holder","citizenId":"\#(other.citizenID.value)"}}"#, "registryUpdate"),
            ]
            for (json, field) in cases {
                let response = try await Self.decide(steward, finding.id, json)
                #expect(response.status == .unprocessableContent, "\(json): \(response.body)")
                #expect(response.body.contains(#""field":"\#(field)""#) || response.body.contains(#""\#(field)""#), "\(json): \(response.body)")
            }
            let unknownKind = try await Self.decide(steward, finding.id, #"{"decision":"accept","version":1,"registryUpdate":{"kind":"adopt_child"}}"#)
            #expect(unknownKind.status.code >= 400 && unknownKind.status.code < 500)
            let after = try #require(try await Self.findings(steward, campaign: campaign).first)
            #expect(after.status == "open" && after.version == 1 && after.registryUpdates == nil)
            try await Task.sleep(for: .milliseconds(200))
            #expect(sandbox.faults.requestCount(RegistrySource?.none) == 0)
        }
    }

    @Test("A marriage registered and signed at the commune updates the population database, and the officers see the request on the dossier", arguments: TestDatabase.backends)
    func signedMarriageReachesPopulation(backend: TestDatabase) async throws {
        let registry = Self.freshRegistry()
        func eligible(_ person: PopulationRecord, _ sex: Sex, _ age: Int) -> Bool {
            person.sex == sex && person.maritalStatus == .single && person.deceasedOn == nil && person.spouseID == nil
                && person.dateOfBirth.year + age < 2026
                && MaritalHistory(person.citizenID, registrations: registry.civilStatus(for: person.citizenID)).currentMarriage == nil
        }
        let husband = try Self.person(in: registry) { eligible($0, .male, 21) }
        let wife = try Self.person(in: registry) { eligible($0, .female, 19) }
        try await withSandboxApp(
            backend, configure: { $0.registryOutbox.pollInterval = .milliseconds(50) }, registry: registry
        ) { client, sandbox, _ in
            let s = try await Scenario(client)
            let procedures = try s.anonymous.decode([ProcedureJSON].self, try await s.anonymous.call(.get, "/api/v1/procedures").body)
            let marriage = try #require(procedures.first { $0.nameVi == "Đăng ký kết hôn" && $0.level == "commune" })
            let request = #"{"procedureCode":"\#(marriage.code)","agencyId":"\#(s.ward.id)","applicant":{"citizenId":"\#(husband.citizenID.value)","fullName":"\#(husband.fullName)"},"channel":"counter","formData":{},"components":\#(marriage.citizenComponentsJSON)}"#
            let received = try await s.reception.call(.post, "/api/v1/dossiers", json: request)
            #expect(received.status == .created, "\(received.body)")
            let dossier = try s.reception.decode(DossierJSON.self, received.body)
            let fields = #"{"wifeName":"\#(wife.fullName)","wifeDateOfBirth":"\#(wife.dateOfBirth)","wifeID":"\#(wife.citizenID.value)","husbandName":"\#(husband.fullName)","husbandDateOfBirth":"\#(husband.dateOfBirth)","husbandID":"\#(husband.citizenID.value)"}"#
            _ = try await s.signResult(dossier.code, receivedVersion: dossier.version, fields: fields)
            // Delivered in the background: the population database then shows the couple married.
            let deadline = ContinuousClock.now + .seconds(60)
            var worksheet = DossierUpdatesJSON(registryUpdates: nil)
            while ContinuousClock.now < deadline {
                worksheet = try s.leader.decode(DossierUpdatesJSON.self, try await s.leader.call(.get, "/api/v1/dossiers/\(dossier.code)/result").body)
                if worksheet.registryUpdates?.first?.state == "accepted" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let sent = try #require(worksheet.registryUpdates?.first)
            #expect(sent.state == "accepted" && sent.update.kind == "register_marriage" && sent.registry == "civil_status", "\(sent)")
            #expect(sent.reference?.hasPrefix("KH-09187-") == true)
            #expect(sandbox.registry.person(id: husband.citizenID)?.spouseID == wife.citizenID)
            #expect(sandbox.registry.person(id: wife.citizenID)?.maritalStatus == .married)
            #expect(sandbox.ledger.appliedCount == 1)
        }
    }

    @Test("Only marriage certificates and death extracts with the IDs and a commune send updates; a death date may follow a time")
    func updatesFromResults() throws {
        let husband = try CitizenID("027090000123"), wife = try CitizenID("027190000456")
        let day = try #require(LocalDate(year: 2026, month: 10, day: 1))
        #expect(RegistryUpdate.sharing(
            resultType: .marriageCertificate, fields: ["husbandID": husband.value, "wifeID": wife.value], issuedOn: day, communeCode: "09187")
            == .registerMarriage(husband: husband, wife: wife, date: day, communeCode: "09187"))
        #expect(RegistryUpdate.sharing(
            resultType: .marriageCertificate, fields: ["husbandID": husband.value, "wifeID": wife.value], issuedOn: day, communeCode: nil) == nil)
        for date in ["2026-10-01", "01/10/2026", "14:30, 01/10/2026", "14 giờ 30 phút ngày 1/10/2026"] {
            #expect(RegistryUpdate.sharing(
                resultType: .deathExtract, fields: ["personalID": husband.value, "dateOfDeath": date], issuedOn: day, communeCode: "09187")
                == .registerDeath(husband, date: day, communeCode: "09187"), "\(date)")
        }
        #expect(RegistryUpdate.sharing(resultType: .deathExtract, fields: ["dateOfDeath": "2026-10-01"], issuedOn: day, communeCode: "09187") == nil)
        #expect(RegistryUpdate.sharing(
            resultType: .birthCertificateExtract, fields: ["personalID": husband.value], issuedOn: day, communeCode: "09187") == nil)
    }

    @Test("Retry delays double from the base, stay within the cap and are jittered to between half and all of it")
    func retryDelays() {
        var schedule = RegistryOutboxSchedule()
        schedule.baseDelay = 30
        schedule.maximumDelay = 3_600
        var generator = SystemRandomNumberGenerator()
        for (attempt, full) in [(1, 30.0), (2, 60), (3, 120), (8, 3_600), (40, 3_600)] {
            for _ in 0..<50 {
                let delay = schedule.delay(afterAttempt: attempt, using: &generator)
                #expect(delay >= full / 2 && delay <= full, "attempt \(attempt): \(delay)")
            }
        }
    }
}

/// The result worksheet's registry update requests.
struct DossierUpdatesJSON: Decodable {
    let registryUpdates: [RegistryUpdateRequestJSON]?
}

struct RegistryUpdateRequestJSON: Decodable {
    struct Update: Decodable { let kind: String }
    let requestId: String
    let registry: String
    let update: Update
    let state: String
    let attempts: Int
    let nextAttemptAt: Date?
    let reference: String?
    let message: String?
    let lastError: String?
}
