import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Creates an official with the demo password (for roles or agencies the demo team does not have).
func createOfficial(_ platform: Platform, _ username: String, _ role: Role, agency: String) async throws {
    _ = try await platform.officials.create(
        Official(
            id: username, username: username, fullName: "Cán bộ thử nghiệm", role: role, agencyID: agency,
            passwordHash: try await AuthService.hash(DemoSeeder.demoPassword, cost: platform.configuration.bcryptCost)))
}

@Suite("Least privilege: third parties, look-up purposes and quotas, submission quotas, campaign and audit scope")
struct LeastPrivilegeTests {
    struct ProfileIDs: Decodable {
        let fatherId: String?
        let motherId: String?
        let spouseId: String?
    }

    @Test("A citizen who names other people in form fields gets back nothing the registers hold about them; officials see it all")
    func thirdPartiesNotEchoed() async throws {
        let person = RegistryPeople.singleAdult
        let deceased = RegistryPeople.first { $0.deceasedOn != nil }
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty) { raw, _ in
                let citizen = try await citizenClient(raw, person)
                let request = #"{"procedureCode":"1.001193","agencyId":"xa-09187","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"online","formData":{"tenTre":"Nguyễn Minh An","father_id":"\#(deceased.citizenID.value)","mother_id":"\#(RegistryPeople.unknownID)"},"components":[{"code":"declaration","reference":"eform"},{"code":"birth_certificate","reference":"GCS-1"}]}"#
                let submitted = try await citizen.call(.post, "/api/v1/dossiers", json: request)
                #expect(submitted.status == .created, "\(submitted.body)")
                let mine = try citizen.decode(DossierJSON.self, submitted.body)
                let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
                let official = try officer.decode(DossierJSON.self, try await officer.call(.get, "/api/v1/dossiers/\(mine.code)").body)
                // The officials see what the registers say about the father and the mother...
                let officialKinds = Set(official.flags?.map(\.kind) ?? [])
                #expect(officialKinds.isSuperset(of: ["person_deceased", "not_in_population_register"]), "\(officialKinds)")
                // ...the applicant sees none of it, neither in the answer to the submission nor later.
                let reread = try citizen.decode(DossierJSON.self, try await citizen.call(.get, "/api/v1/dossiers/\(mine.code)").body)
                for view in [mine, reread] {
                    #expect(view.flags?.isEmpty ?? true, "\(view.flags ?? [])")
                    let parents = view.component("parents_marriage")
                    #expect(parents == nil || (parents?.reference == nil && parents?.state == "pending_verification"))
                }
                let history = try await citizen.call(.get, "/api/v1/dossiers/\(mine.code)/history")
                let entries = try citizen.decode([HistoryJSON].self, history.body)
                #expect(entries.contains { $0.action == "verify_registry" })
                #expect(entries.allSatisfy { $0.action != "verify_registry" || $0.note == nil })
            }
        }
    }

    @Test("A level-1 account reads its own profile with other people's IDs masked; level 2 reads them in full")
    func levelOneProfileMasked() async throws {
        let person = RegistryPeople.first { $0.deceasedOn == nil && RegistryPeople.age($0) >= 18 && $0.fatherID != nil && $0.motherID != nil }
        let father = try #require(person.fatherID)
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty) { raw, _ in
                let full = try await citizenClient(raw, person, level: 2)
                let fullProfile = try full.decode(ProfileIDs.self, try await full.call(.get, "/api/v1/citizen/profile").body)
                #expect(fullProfile.fatherId == father.value)
                let basic = try await citizenClient(raw, person, level: 1)
                let response = try await basic.call(.get, "/api/v1/citizen/profile")
                #expect(response.status == .ok)
                let masked = try basic.decode(ProfileIDs.self, response.body)
                #expect(masked.fatherId == father.masked)
                #expect(masked.motherId == person.motherID?.masked)
                #expect(!response.body.contains(father.value))
                #expect(response.body.contains(person.citizenID.value))
            }
        }
    }

    @Test("Assigning to an unknown id and to another agency's official answer alike, so ids cannot be enumerated")
    func assignDoesNotRevealOfficials() async throws {
        try await withApp(.sqlite) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            func assign(_ id: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await s.reception.call(
                    .post, "/api/v1/dossiers/\(dossier.code)/transitions", json: #"{"action":"assign","version":\#(dossier.version),"assigneeId":"\#(id)"}"#)
                return (response.status, response.body)
            }
            let unknown = try await assign("khong.ton.tai")
            let elsewhere = try await assign("so.chuyenvien")
            #expect(unknown.0 == .unprocessableContent)
            #expect(unknown.0 == elsewhere.0 && unknown.1 == elsewhere.1)
        }
    }

    @Test("Look-ups: counter purposes are the reception officers'; a dossier purpose needs an open dossier of one's agency naming the person")
    func lookUpPurposes() async throws {
        try await withApp(.sqlite) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            let applicant = RegistryPeople.singleAdult.citizenID.value
            func profile(_ caller: Client, _ json: String) async throws -> (status: HTTPResponse.Status, body: String) {
                let response = try await caller.call(.post, "/api/v1/registry/profile", json: json)
                return (response.status, response.body)
            }
            let counter = #"{"citizenId":"\#(applicant)","purpose":"counter_before_receipt"}"#
            #expect(try await profile(s.reception, counter).status == .ok)
            #expect(try await profile(s.specialist, counter).status == .forbidden)
            let bound = #"{"citizenId":"\#(applicant)","purpose":"dossier","dossierCode":"\#(dossier.code)"}"#
            #expect(try await profile(s.specialist, bound).status == .ok)
            // someone the dossier does not name
            let stranger = #"{"citizenId":"\#(RegistryPeople.insured.citizenID.value)","purpose":"dossier","dossierCode":"\#(dossier.code)"}"#
            let refused = try await profile(s.specialist, stranger)
            #expect(refused.status == .unprocessableContent && refused.body.contains(#""field":"dossierCode""#))
            // another agency's officer cannot use this dossier
            let centre = try await s.anonymous.signedIn("hcc.tiepnhan")
            #expect(try await profile(centre, bound).status == .notFound)
            // the access log names the dossier as the purpose
            let auditor = try await s.anonymous.signedIn("hcc.thanhtra")
            let log = try auditor.decode(
                AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?actor=kinhbac.chuyenvien").body)
            #expect(!log.items.isEmpty && log.items.allSatisfy { $0.purposeKind == "dossier" && $0.purposeReference == dossier.code })
            // a closed dossier no longer justifies a look-up
            let withdrawn = try #require(try await s.reception.transition(
                dossier.code, "withdraw", version: dossier.version, extra: #","reason":"Công dân rút""#))
            #expect(withdrawn.status.name == "withdrawn")
            #expect(try await profile(s.specialist, bound).status == .unprocessableContent)
        }
    }

    @Test("Each official has a look-up quota per minute: beyond it 429 with Retry-After, others unaffected, and a minute later it resumes")
    func lookUpQuota() async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(.sqlite, clock: clock, configure: { $0.limits.lookUpsPerMinute = 3 }) { client, _ in
            let s = try await Scenario(client)
            let json = #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt"}"#
            for _ in 0..<3 {
                #expect(try await s.reception.call(.post, "/api/v1/registry/profile", json: json).status == .ok)
            }
            let over = try await s.reception.call(.post, "/api/v1/registry/profile", json: json)
            #expect(over.status == .tooManyRequests)
            #expect(Int(over.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(over.body.contains("look-up-quota"))
            let insurance = try await s.reception.call(
                .get, "/api/v1/registry/insurance/\(RegistryPeople.insured.citizenID.value)?purpose=insurance_check")
            #expect(insurance.status == .tooManyRequests)
            let colleague = try await s.anonymous.signedIn("hcc.tiepnhan")
            #expect(try await colleague.call(.post, "/api/v1/registry/profile", json: json).status == .ok)
            clock.set(vietnamTime(2026, 12, 7, 9, 1))
            #expect(try await s.reception.call(.post, "/api/v1/registry/profile", json: json).status == .ok)
        }
    }

    @Test("One citizen account cannot exhaust a ward's numbers: online dossiers use their own series and a daily quota per account")
    func submissionQuotaAndSeries() async throws {
        let person = RegistryPeople.singleAdult
        try await Self.withCitizen(person, submissionsPerDay: 2) { raw, citizen in
            var codes: [String] = []
            for _ in 0..<2 {
                let response = try await citizen.call(.post, "/api/v1/dossiers", json: CitizenOnlineTests.birthRequest(person))
                #expect(response.status == .created, "\(response.body)")
                codes.append(try citizen.decode(DossierJSON.self, response.body).code)
            }
            #expect(codes.map { $0.suffix(4) } == ["6000", "6001"])
            let third = try await citizen.call(.post, "/api/v1/dossiers", json: CitizenOnlineTests.birthRequest(person))
            #expect(third.status == .tooManyRequests)
            #expect(third.body.contains("submission-quota"))
            #expect(Int(third.headers[.retryAfter] ?? "") ?? 0 > 0)
            // The counter's series is untouched by online submissions.
            let s = try await Scenario(raw)
            #expect(try await s.receiveBirth().code.hasSuffix("-0001"))
        }
    }

    /// The application with a per-citizen daily submission quota, and the person signed in at e-ID level 2.
    static func withCitizen(
        _ person: PopulationRecord, submissionsPerDay: Int, _ body: @Sendable (any TestClientProtocol, Client) async throws -> Void
    ) async throws {
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, configure: { $0.limits.submissionsPerCitizenPerDay = submissionsPerDay }, eid: eid.relyingParty) { raw, _ in
                try await body(raw, try await citizenClient(raw, person))
            }
        }
    }

    @Test("Concurrent submissions by one account cannot all slip under the daily quota")
    func concurrentSubmissionsCounted() async throws {
        let person = RegistryPeople.singleAdult
        try await Self.withCitizen(person, submissionsPerDay: 2) { _, citizen in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await citizen.call(
                            .post, "/api/v1/dossiers", json: CitizenOnlineTests.birthRequest(person), headers: [.init("Prefer")!: "wait=0"]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count <= 2, "\(statuses)")
            #expect(statuses.filter { $0 == .created }.count >= 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .created || $0 == .tooManyRequests }, "\(statuses)")
            let listed = try await citizen.call(.get, "/api/v1/dossiers")
            #expect(listed.body.components(separatedBy: "\"procedureCode\":").count - 1 == statuses.filter { $0 == .created }.count)
        }
    }

    @Test("When the day's online numbers are used up, online submissions get 503 with Retry-After and the counter still receives")
    func onlineSeriesExhausted() async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty, prepare: { platform in
                _ = try await DemoSeeder(platform: platform).seed()
                let ward = try #require(platform.reference.agencies.agency(id: "xa-09187"))
                let online = DossierNumberingSeries(agencyIdentifier: ward.identifier, online: true)
                // The test clock's day (7 Dec 2026): as if 4,000 online dossiers had been numbered already.
                try await platform.dossiers.bulkInsert([], sequences: [(identifier: online.key, day: "2026-12-07", last: online.capacity)])
            }) { raw, _ in
                let citizen = try await citizenClient(raw, person)
                let refused = try await citizen.call(.post, "/api/v1/dossiers", json: CitizenOnlineTests.birthRequest(person))
                #expect(refused.status == .serviceUnavailable, "\(refused.body)")
                #expect(refused.body.contains("daily-capacity") && refused.body.contains("online"))
                #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
                let s = try await Scenario(raw)
                #expect(try await s.receiveBirth().code.hasSuffix("-0001"))
            }
        }
    }

    @Test("Campaigns belong to an agency: another agency's steward neither sees, reads nor decides them, nor takes their name")
    func campaignScope() async throws {
        try await withApp(.sqlite, prepare: { platform in
            _ = try await DemoSeeder(platform: platform).seed()
            try await createOfficial(platform, "kinhbac.dulieu", .dataSteward, agency: "xa-09187")
            let campaign = try await platform.worklist.campaign(
                named: "Rà soát khai sinh", description: nil, createdBy: "stp.dulieu", agencyID: "so-tu-phap")
            try await platform.worklist.storeRun(
                campaignID: campaign.id, sourceName: "a.csv",
                findings: [
                    FindingInput(
                        sourceRecordID: "HT-1", sourceLine: 2, kinds: ["event_missing_from_register"], citizenID: "027090001234", automatic: true,
                        payload: WorklistTests.payload("HT-1", "event_missing_from_register"))
                ], createdBy: "stp.dulieu")
        }) { client, _ in
            let anonymous = Client(client: client)
            let owner = try await anonymous.signedIn("stp.dulieu")
            let other = try await anonymous.signedIn("kinhbac.dulieu")
            let campaigns = try owner.decode([CampaignJSON].self, try await owner.call(.get, "/api/v1/campaigns").body)
            let campaign = try #require(campaigns.first)
            let findings = try owner.decode(FindingPageJSON.self, try await owner.call(.get, "/api/v1/campaigns/\(campaign.id)/findings").body)
            let finding = try #require(findings.items.first)

            #expect(try other.decode([CampaignJSON].self, try await other.call(.get, "/api/v1/campaigns").body).isEmpty)
            #expect(try await other.call(.get, "/api/v1/campaigns/\(campaign.id)/findings").status == .notFound)
            #expect(try await other.call(.get, "/api/v1/campaigns/\(campaign.id)/corrections.csv").status == .notFound)
            #expect(try await other.call(.get, "/api/v1/findings/\(finding.id)/decisions").status == .notFound)
            let decide = try await other.call(.post, "/api/v1/findings/\(finding.id)/decisions", json: #"{"decision":"accept","version":1}"#)
            #expect(decide.status == .notFound)
            let taken = try await other.call(.post, "/api/v1/campaigns", json: #"{"name":"Rà soát khai sinh"}"#)
            #expect(taken.status == .conflict && !taken.body.contains(campaign.id))
            // The owner still decides it.
            #expect(try await owner.call(.post, "/api/v1/findings/\(finding.id)/decisions", json: #"{"decision":"accept","version":1}"#).status == .ok)
        }
    }

    @Test("An agency's auditor searches only that agency's look-ups; the provincial inspector the whole province")
    func auditorScope() async throws {
        try await withApp(.sqlite, prepare: { platform in
            _ = try await DemoSeeder(platform: platform).seed()
            try await createOfficial(platform, "kinhbac.thanhtra", .auditor, agency: "xa-09187")
        }) { client, _ in
            let s = try await Scenario(client)
            let json = #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt"}"#
            #expect(try await s.reception.call(.post, "/api/v1/registry/profile", json: json).status == .ok)
            let centre = try await s.anonymous.signedIn("hcc.tiepnhan")
            #expect(try await centre.call(.post, "/api/v1/registry/profile", json: json).status == .ok)
            let local = try await s.anonymous.signedIn("kinhbac.thanhtra")
            let own = try local.decode(AccessPageJSON.self, try await local.call(.get, "/api/v1/access-log").body)
            #expect(!own.items.isEmpty && own.items.allSatisfy { $0.agencyId == "xa-09187" })
            let centreID = try #require(try s.anonymous.decode([AgencyJSON].self, try await s.anonymous.call(.get, "/api/v1/agencies?kind=service_centre").body).first?.id)
            #expect(try await local.call(.get, "/api/v1/access-log?agency=\(centreID)").status == .forbidden)
            let inspector = try await s.anonymous.signedIn("hcc.thanhtra")
            let all = try inspector.decode(AccessPageJSON.self, try await inspector.call(.get, "/api/v1/access-log").body)
            #expect(Set(all.items.compactMap(\.agencyId)).isSuperset(of: ["xa-09187", centreID]))
        }
    }
}
