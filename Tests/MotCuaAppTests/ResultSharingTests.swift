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
import Testing

/// Two-way sharing from the platform's own results: a divorce recorded at the commune reaches the population
/// database, a land-use certificate the land database, through the outbox and the sandbox over HTTP.
@Suite("Two-way sharing: divorces and land results")
struct ResultSharingTests {
    static let divorceCode = "2.000554"
    static let landCode = "BN-DD-01"

    /// A living couple the population database shows married to each other.
    static func couple(in registry: NationalRegistry) throws -> (husband: PopulationRecord, wife: PopulationRecord) {
        let husband = try RegistryOutboxTests.person(in: registry) { person in
            person.sex == .male && person.maritalStatus == .married && person.deceasedOn == nil
                && person.spouseID.flatMap { registry.person(id: $0) }.map {
                    $0.spouseID == person.citizenID && $0.maritalStatus == .married && $0.deceasedOn == nil
                } == true
        }
        return (husband, try #require(husband.spouseID.flatMap { registry.person(id: $0) }))
    }

    /// Receives a dossier of `procedure` at the demo ward for `applicant`.
    static func receive(_ s: Scenario, _ procedure: String, applicant: PopulationRecord) async throws -> DossierJSON {
        let spec = try s.anonymous.decode(ProcedureJSON.self, try await s.anonymous.call(.get, "/api/v1/procedures/\(procedure)").body)
        let body = #"{"procedureCode":"\#(procedure)","agencyId":"\#(s.ward.id)","applicant":{"citizenId":"\#(applicant.citizenID.value)","fullName":"\#(applicant.fullName)"},"channel":"counter","formData":{},"components":\#(spec.citizenComponentsJSON)}"#
        let response = try await s.reception.call(.post, "/api/v1/dossiers", json: body)
        #expect(response.status == .created, "\(response.body)")
        return try s.reception.decode(DossierJSON.self, response.body)
    }

    static func divorceFields(husband: String, wife: String, date: String = "2026-11-20") -> String {
        #"{"husbandName":"Nguyễn Văn An","husbandID":"\#(husband)","wifeName":"Trần Thị Bình","wifeID":"\#(wife)","decidingAuthority":"Tòa án quận Cam (Hoa Kỳ)","decisionReference":"Bản án số 12/2026 ngày 01/11/2026","divorceDate":"\#(date)"}"#
    }

    static func landFields(parcelID: String, holder: String, area: String = "152,5") -> String {
        let parts = parcelID.split(separator: "-")
        return #"{"holderName":"Nguyễn Văn An","holderID":"\#(holder)","parcelID":"\#(parcelID)","parcelNumber":"\#(parts[2])","mapSheet":"\#(parts[1])","parcelAddress":"Phường Kinh Bắc, tỉnh Bắc Ninh","areaSquareMetres":"\#(area)","landUsePurpose":"CLN","landUseTerm":"Lâu dài"}"#
    }

    /// The dossier's update requests once the first satisfies `done` (60 s at most: a hang deadline; CI runs every suite at once), as its officers see them.
    static func updates(_ s: Scenario, _ code: String, until done: (RegistryUpdateRequestJSON) -> Bool) async throws -> [RegistryUpdateRequestJSON] {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let result = try await s.leader.call(.get, "/api/v1/dossiers/\(code)/result")
            #expect(result.status == .ok, "\(result.body)")
            let updates = try s.leader.decode(DossierUpdatesJSON.self, result.body).registryUpdates ?? []
            if let first = updates.first, done(first) { return updates }
            guard ContinuousClock.now < deadline else {
                Issue.record("dossier \(code): the outbox did not reach the expected state: \(updates)")
                return updates
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func fastOutbox(_ configuration: inout AppConfiguration) { configuration.registryOutbox.pollInterval = .milliseconds(50) }

    @Test("Divorce extracts and land certificates send their updates; a land certificate needs no commune code")
    func updatesFromResults() throws {
        let husband = try CitizenID("027090000123"), wife = try CitizenID("027190000456")
        let day = try #require(LocalDate(year: 2026, month: 12, day: 7))
        let divorce = ["husbandID": husband.value, "wifeID": wife.value, "divorceDate": "20/11/2026", "decisionReference": "Bản án số 12/2026"]
        #expect(RegistryUpdate.sharing(resultType: .divorceExtract, fields: divorce, issuedOn: day, communeCode: "09187")
            == .registerDivorce(husband: husband, wife: wife, date: LocalDate(year: 2026, month: 11, day: 20)!, decision: "Bản án số 12/2026", communeCode: "09187"))
        #expect(RegistryUpdate.sharing(resultType: .divorceExtract, fields: divorce, issuedOn: day, communeCode: nil) == nil)
        let land = ["parcelID": "07444-3-127", "holderID": husband.value, "areaSquareMetres": "152,5", "landUsePurpose": "Đất trồng cây lâu năm"]
        #expect(RegistryUpdate.sharing(resultType: .landUseCertificate, fields: land, issuedOn: day, communeCode: nil)
            == .updateLandParcel(parcelID: "07444-3-127", holder: husband, areaSquareMetres: 152.5, use: .perennialCrops))
        // Free text the land database has no code for is left out, not guessed.
        #expect(RegistryUpdate.sharing(
            resultType: .landUseCertificate, fields: land.merging(["landUsePurpose": "Đất vườn", "areaSquareMetres": "khoảng 150"]) { $1 }, issuedOn: day,
            communeCode: "09187") == .updateLandParcel(parcelID: "07444-3-127", holder: husband, areaSquareMetres: nil, use: nil))
        #expect(RegistryUpdate.sharing(resultType: .landUseCertificate, fields: land.merging(["parcelID": "3-127"]) { $1 }, issuedOn: day, communeCode: nil) == nil)
        // The wire form the sandbox reads.
        let update = RegistryUpdate.updateLandParcel(parcelID: "07444-3-127", holder: husband, areaSquareMetres: 152.5, use: .perennialCrops)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(update), as: UTF8.self)
            == #"{"areaSquareMetres":152.5,"citizenID":"027090000123","kind":"update_land_parcel","landUse":"CLN","parcelID":"07444-3-127"}"#)
        #expect(try JSONDecoder().decode(RegistryUpdate.self, from: try encoder.encode(update)) == update)
        let divorceUpdate = try #require(RegistryUpdate.sharing(resultType: .divorceExtract, fields: divorce, issuedOn: day, communeCode: "09187"))
        #expect(try JSONDecoder().decode(RegistryUpdate.self, from: try encoder.encode(divorceUpdate)) == divorceUpdate)
    }

    @Test("A divorce recorded and signed at the commune makes both people divorced with no spouse in the population database", arguments: TestDatabase.backends)
    func signedDivorceReachesPopulation(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let (husband, wife) = try Self.couple(in: registry)
        try await withSandboxApp(backend, configure: Self.fastOutbox, registry: registry) { client, sandbox, _ in
            let s = try await Scenario(client)
            let dossier = try await Self.receive(s, Self.divorceCode, applicant: husband)
            let signed = try await s.signResult(
                dossier.code, receivedVersion: dossier.version, fields: Self.divorceFields(husband: husband.citizenID.value, wife: wife.citizenID.value))
            #expect(signed.resultType == "divorce_extract" && signed.registerBook == "GCLH/2026", "\(signed)")
            let updates = try await Self.updates(s, dossier.code) { $0.state == "accepted" }
            let sent = try #require(updates.first)
            #expect(updates.count == 1 && sent.update.kind == "register_divorce" && sent.registry == "civil_status", "\(sent)")
            #expect(sent.reference?.hasPrefix("LH-09187-2026-") == true, "\(sent)")
            #expect(sandbox.ledger.appliedCount == 1)
            // As any platform look-up sees it, over HTTP: divorced, no spouse; a later marriage check finds no current marriage.
            let http = HTTPRegistryClient(httpClient: .shared, configuration: .init(baseURL: sandbox.baseURL))
            let context = RegistryCallContext(agencyIdentifier: "test", userID: "test", purpose: .counterLookup(note: "test"))
            for id in [husband.citizenID, wife.citizenID] {
                let profile = try #require(try await http.person(id, context: context))
                #expect(profile.maritalStatus == .divorced && profile.spouseID == nil, "\(profile)")
                #expect(MaritalHistory(id, registrations: sandbox.registry.civilStatus(for: id)).currentMarriage == nil)
            }
        }
    }

    @Test("A divorce of two people the population database does not show married to each other is refused with the reason", arguments: TestDatabase.backends)
    func refusedDivorceShowsReason(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let (husband, wife) = try Self.couple(in: registry)
        let other = try RegistryOutboxTests.person(in: registry) {
            $0.sex == .female && $0.maritalStatus == .single && $0.deceasedOn == nil && $0.dateOfBirth.year < 2000
        }
        try await withSandboxApp(backend, configure: Self.fastOutbox, registry: registry) { client, sandbox, _ in
            let s = try await Scenario(client)
            let dossier = try await Self.receive(s, Self.divorceCode, applicant: husband)
            _ = try await s.signResult(
                dossier.code, receivedVersion: dossier.version, fields: Self.divorceFields(husband: husband.citizenID.value, wife: other.citizenID.value))
            let refused = try #require(try await Self.updates(s, dossier.code) { $0.state == "refused" }.first)
            #expect(refused.message == RegistryUpdateError(.notMarriedToEachOther).description, "\(refused)")
            #expect(refused.attempts == 1 && refused.nextAttemptAt == nil)
            #expect(sandbox.ledger.appliedCount == 0)
            #expect(sandbox.registry.person(id: husband.citizenID)?.spouseID == wife.citizenID)
            #expect(sandbox.registry.person(id: other.citizenID)?.maritalStatus == .single)
        }
    }

    @Test("A land-use certificate names the parcel's holder by citizen ID in the land database; an unknown parcel is refused", arguments: TestDatabase.backends)
    func signedLandCertificateReachesLand(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let parcel = try #require(registry.landParcel(at: 3))
        let holder = try RegistryOutboxTests.person(in: registry) {
            $0.deceasedOn == nil && $0.dateOfBirth.year < 2000 && registry.landParcels(owner: $0.citizenID).isEmpty
        }
        try await withSandboxApp(backend, configure: Self.fastOutbox, registry: registry) { client, sandbox, _ in
            let s = try await Scenario(client)
            let dossier = try await Self.receive(s, Self.landCode, applicant: holder)
            _ = try await s.signResult(dossier.code, receivedVersion: dossier.version, fields: Self.landFields(parcelID: parcel.parcelID, holder: holder.citizenID.value))
            let sent = try #require(try await Self.updates(s, dossier.code) { $0.state == "accepted" }.first)
            #expect(sent.update.kind == "update_land_parcel" && sent.registry == "land" && sent.reference == parcel.parcelID, "\(sent)")
            let after = try #require(sandbox.registry.landParcel(id: parcel.parcelID))
            #expect(after.owners == [.citizenID(holder.citizenID)] && after.areaSquareMetres == 152.5 && after.use == .perennialCrops, "\(after)")
            #expect(sandbox.registry.landParcels(owner: holder.citizenID).map(\.parcelID) == [parcel.parcelID])
            // A parcel the land database does not have: refused with the reason, nothing changed.
            let unknown = "09187-900-1"
            let second = try await Self.receive(s, Self.landCode, applicant: holder)
            _ = try await s.signResult(second.code, receivedVersion: second.version, fields: Self.landFields(parcelID: unknown, holder: holder.citizenID.value))
            let refused = try #require(try await Self.updates(s, second.code) { $0.state == "refused" }.first)
            #expect(refused.message == RegistryUpdateError(.parcelNotFound(unknown)).description, "\(refused)")
            #expect(sandbox.ledger.appliedCount == 1 && sandbox.registry.landParcel(id: parcel.parcelID) == after)
        }
    }

    @Test("An outage when a divorce and a land certificate are signed loses nothing: both are delivered after it, once each", arguments: TestDatabase.backends)
    func outageLosesNothing(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let (husband, wife) = try Self.couple(in: registry)
        let parcel = try #require(registry.landParcel(at: 5))
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withSandboxApp(backend, clock: clock, configure: Self.fastOutbox, registry: registry) { client, sandbox, _ in
            let s = try await Scenario(client)
            let divorce = try await Self.receive(s, Self.divorceCode, applicant: husband)
            let divorceVersion = try await s.approveResult(
                divorce.code, receivedVersion: divorce.version, fields: Self.divorceFields(husband: husband.citizenID.value, wife: wife.citizenID.value))
            let land = try await Self.receive(s, Self.landCode, applicant: wife)
            let landVersion = try await s.approveResult(
                land.code, receivedVersion: land.version, fields: Self.landFields(parcelID: parcel.parcelID, holder: wife.citizenID.value))
            // The registries go down (every call answers 503) before the leader signs.
            sandbox.faults.set(SandboxFaults.Fault(failStatus: 503), for: RegistrySource?.none)
            _ = try await s.sign(divorce.code, version: divorceVersion)
            _ = try await s.sign(land.code, version: landVersion)
            for code in [divorce.code, land.code] {
                let waiting = try #require(try await Self.updates(s, code) { $0.state == "queued" && $0.attempts >= 1 }.first)
                #expect(waiting.lastError?.contains("503") == true && waiting.nextAttemptAt != nil, "\(waiting)")
            }
            #expect(sandbox.ledger.appliedCount == 0)
            // The registry recovers; when the requests are due again they are delivered, each applied once.
            sandbox.faults.clear()
            clock.set(clock.now().addingTimeInterval(3_600))
            for code in [divorce.code, land.code] {
                let delivered = try await Self.updates(s, code) { $0.state == "accepted" }
                #expect(delivered.count == 1 && delivered.first?.state == "accepted")
            }
            #expect(sandbox.ledger.appliedCount == 2)
            #expect(sandbox.registry.person(id: husband.citizenID)?.maritalStatus == .divorced)
            #expect(sandbox.registry.person(id: wife.citizenID)?.spouseID == nil)
            #expect(sandbox.registry.landParcel(id: parcel.parcelID)?.owners.contains(.citizenID(wife.citizenID)) == true)
        }
    }

    @Test("Bad divorce and land fields are refused when the result is prepared, naming the field; nothing is queued", arguments: TestDatabase.backends)
    func badFieldsAreRefusedAtTheEdge(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let (husband, wife) = try Self.couple(in: registry)
        try await withSandboxApp(backend, configure: Self.fastOutbox, registry: registry) { client, sandbox, _ in
            let s = try await Scenario(client)
            let h = husband.citizenID.value, w = wife.citizenID.value
            let divorce = try await Self.receive(s, Self.divorceCode, applicant: husband)
            let assigned = try #require(
                try await s.reception.transition(divorce.code, "assign", version: divorce.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            let cases: [(String, String)] = [
                (Self.divorceFields(husband: "02709000012", wife: w), "fields.husbandID"),
                (Self.divorceFields(husband: h, wife: "0271900004567"), "fields.wifeID"),
                (Self.divorceFields(husband: h, wife: h), "fields.wifeID"),
                (Self.divorceFields(husband: h, wife: w, date: "2026-02-30"), "fields.divorceDate"),
                (Self.divorceFields(husband: h, wife: w, date: "31/13/2026"), "fields.divorceDate"),
            ]
            for (fields, field) in cases {
                let response = try await s.specialist.call(
                    .put, "/api/v1/dossiers/\(divorce.code)/result", json: #"{"version":\#(assigned.version),"fields":\#(fields)}"#)
                #expect(response.status == .unprocessableContent, "\(fields): \(response.body)")
                #expect(response.body.contains(#""field":"\#(field)""#), "\(fields): \(response.body)")
            }
            let land = try await Self.receive(s, Self.landCode, applicant: husband)
            let landAssigned = try #require(
                try await s.reception.transition(land.code, "assign", version: land.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            for (fields, field) in [
                (Self.landFields(parcelID: "9187-3-127", holder: h), "fields.parcelID"),
                (Self.landFields(parcelID: "09187-3-127", holder: "12345"), "fields.holderID"),
                (Self.landFields(parcelID: "09187-3-127", holder: h, area: "-5"), "fields.areaSquareMetres"),
            ] {
                let response = try await s.specialist.call(
                    .put, "/api/v1/dossiers/\(land.code)/result", json: #"{"version":\#(landAssigned.version),"fields":\#(fields)}"#)
                #expect(response.status == .unprocessableContent, "\(fields): \(response.body)")
                #expect(response.body.contains(#""field":"\#(field)""#), "\(fields): \(response.body)")
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(sandbox.faults.requestCount(RegistrySource?.none) == 0)
        }
    }

    @Test("A steward's register_divorce or update_land_parcel with bad input, or for another parcel, is refused naming the field", arguments: TestDatabase.backends)
    func stewardInputIsChecked(backend: TestDatabase) async throws {
        let registry = RegistryOutboxTests.freshRegistry()
        let (husband, wife) = try Self.couple(in: registry)
        let h = husband.citizenID.value, w = wife.citizenID.value
        try await RegistryOutboxTests.withOutboxApp(backend, registry: registry, clock: TestClock(vietnamTime(2026, 12, 7, 9))) { steward, sandbox, configuration in
            let campaign = try await RegistryOutboxTests.storeFindings(configuration, [("HT-1", "event_missing_from_register", h, h)])
            let finding = try #require(try await RegistryOutboxTests.findings(steward, campaign: campaign).first)
            func accept(_ update: String) -> String { #"{"decision":"accept","version":1,"registryUpdate":\#(update)}"# }
            for (update, field) in [
                (#"{"kind":"register_divorce","husband":"\#(h)","wife":"\#(h)","date":"2026-11-20","decision":"1","communeCode":"09187"}"#, "registryUpdate.wife"),
                (#"{"kind":"register_divorce","husband":"12345","wife":"\#(w)","date":"2026-11-20","decision":"1","communeCode":"09187"}"#, "registryUpdate.husband"),
                (#"{"kind":"register_divorce","husband":"\#(h)","wife":"\#(w)","date":"2026-02-30","decision":"1","communeCode":"09187"}"#, "registryUpdate.date"),
                (#"{"kind":"register_divorce","husband":"\#(h)","wife":"\#(w)","date":"2026-11-20","communeCode":"09187"}"#, "registryUpdate.decision"),
                (#"{"kind":"update_land_parcel","parcelId":"07444-3","citizenId":"\#(h)"}"#, "registryUpdate.parcelId"),
                (#"{"kind":"update_land_parcel","parcelId":"07444-3-127","citizenId":"\#(h)","areaSquareMetres":0}"#, "registryUpdate.areaSquareMetres"),
                // Well formed, naming the finding's person, but not the record's parcel: no transfer of another parcel.
                (#"{"kind":"update_land_parcel","parcelId":"07444-3-127","citizenId":"\#(h)"}"#, "registryUpdate.parcelId"),
            ] {
                let response = try await RegistryOutboxTests.decide(steward, finding.id, accept(update))
                #expect(response.status == .unprocessableContent, "\(update): \(response.body)")
                #expect(response.body.contains(#""field":"\#(field)""#), "\(update): \(response.body)")
            }
            // A well-formed divorce naming the finding's person is queued and applied.
            let decided = try await RegistryOutboxTests.decide(
                steward, finding.id,
                accept(#"{"kind":"register_divorce","husband":"\#(h)","wife":"\#(w)","date":"2026-11-20","decision":"12/2026/QĐST-HNGĐ","communeCode":"09187"}"#))
            #expect(decided.status == .ok, "\(decided.body)")
            let items = try await RegistryOutboxTests.waitFor(steward, campaign: campaign) { $0.first?.registryUpdates?.first?.state == "accepted" }
            #expect(items.first?.registryUpdates?.first?.update.kind == "register_divorce")
            #expect(sandbox.registry.person(id: wife.citizenID)?.maritalStatus == .divorced)
        }
    }
}
