import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaIntegrations
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

struct DataAccessJSON: Decodable {
    struct Item: Decodable {
        let registryVi: String
        let fieldsVi: [String]
        let whoVi: String
        let whoEn: String
        let officialName: String?
        let purposeVi: String
        let dossierCode: String?
        let outcome: String
    }
    let items: [Item]
}

/// Signs a citizen in through the platform's `/auth/eid/*` routes and the sandbox provider; returns a client
/// carrying the citizen token.
func citizenClient(_ raw: any TestClientProtocol, _ person: PopulationRecord, level: Int = 2) async throws -> Client {
    let start = try await raw.execute(uri: "/auth/eid/start?return_to=/citizen", method: .get) { $0 }
    let cookie = try #require(start.headers[.setCookie]?.split(separator: ";").first.map(String.init))
    let provider = try await Browser.signIn(try #require(start.headers[.location]), citizenID: person.citizenID.value, level: level)
    let callback = try #require(provider.location).dropFirst(AppConfiguration().publicBaseURL.count)
    let done = try await raw.execute(uri: String(callback), method: .get, headers: [.cookie: cookie]) { $0 }
    let location = try #require(done.headers[.location])
    let fragment = Browser.query("/?" + location.split(separator: "#", maxSplits: 1)[1])
    return Client(client: raw, token: try #require(fragment["token"]))
}

@Suite("Citizens online: submit, follow, supplement, withdraw, and who used my data")
struct CitizenOnlineTests {
    static func birthRequest(_ person: PopulationRecord) -> String {
        #"{"procedureCode":"1.001193","agencyId":"xa-09187","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"online","formData":{"tenTre":"Nguyễn Minh An","ngaySinhTre":"2026-11-20"},"components":[{"code":"declaration","reference":"eform"},{"code":"birth_certificate","reference":"GCS-2026-0001"}]}"#
    }

    @Test("A level-2 citizen submits a birth registration online, follows it, supplements when asked, and sees who used their data")
    func onlineBirthRegistration() async throws {
        let person = RegistryPeople.singleAdult
        let other = RegistryPeople.insured
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty) { raw, _ in
                let citizen = try await citizenClient(raw, person)
                let me = try await citizen.call(.get, "/api/v1/citizen/me")
                #expect(me.body.contains(#""canSubmitOnline":true"#))

                let submitted = try await citizen.call(.post, "/api/v1/dossiers", json: Self.birthRequest(person))
                #expect(submitted.status == .created, "\(submitted.body)")
                var dossier = try citizen.decode(DossierJSON.self, submitted.body)
                #expect(dossier.status.name == "submitted")
                #expect(dossier.component("requester_id")?.state == "from_registry")

                // Someone else's dossier cannot be submitted, seen or listed.
                let forOther = try await citizen.call(.post, "/api/v1/dossiers", json: Self.birthRequest(other))
                #expect(forOther.status == .forbidden)
                let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
                let counter = #"{"procedureCode":"1.004873","agencyId":"xa-09187","applicant":{"citizenId":"\#(other.citizenID.value)","fullName":"\#(other.fullName)"},"channel":"counter","components":[{"code":"declaration","reference":"eform"}]}"#
                let othersDossier = try citizen.decode(DossierJSON.self, try await officer.call(.post, "/api/v1/dossiers", json: counter).body)
                #expect(try await citizen.call(.get, "/api/v1/dossiers/\(othersDossier.code)").status == .notFound)
                let mine = try await citizen.call(.get, "/api/v1/dossiers")
                #expect(mine.body.contains(dossier.code) && !mine.body.contains(othersDossier.code))
                // Officials' tools are not for citizens.
                #expect(try await citizen.call(.get, "/api/v1/access-log").status == .forbidden)

                // The ward receives it, the specialist asks for a supplement, the citizen supplements online.
                dossier = try #require(try await officer.transition(dossier.code, "receive", version: dossier.version))
                dossier = try #require(try await officer.transition(
                    dossier.code, "assign", version: dossier.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
                let specialist = try await Client(client: raw).signedIn("kinhbac.chuyenvien")
                dossier = try #require(try await specialist.transition(
                    dossier.code, "request_supplement", version: dossier.version, extra: #","reason":"Ảnh giấy chứng sinh bị mờ""#))
                #expect(dossier.status.name == "supplement_requested")
                dossier = try #require(try await citizen.transition(
                    dossier.code, "supplement", version: dossier.version, extra: #","note":"Đã chụp lại giấy chứng sinh""#))
                #expect(dossier.status.name == "in_process")
                // Citizens act only as the applicant: appraising is not theirs.
                try await citizen.transition(dossier.code, "appraise", version: dossier.version, extra: #","opinion":"ok""#, expect: .forbidden)

                // A counter look-up at the citizen, then the citizen's own view of who used their data.
                _ = try await officer.call(
                    .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(person.citizenID.value)","purpose":"counter_before_receipt","note":"hỗ trợ công dân tại quầy"}"#)
                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.contains { $0.dossierCode == dossier.code && $0.whoVi.contains("Hệ thống") })
                #expect(access.items.contains {
                    $0.purposeVi.contains("hỗ trợ công dân tại quầy") && $0.whoVi.contains("Cán bộ tiếp nhận") && $0.officialName != nil
                })
                // Only this citizen's entries, never the other person's.
                #expect(access.items.allSatisfy { $0.dossierCode != othersDossier.code })
            }
        }
    }

    @Test("A citizen withdraws a submission; a level-1 account follows but cannot submit")
    func withdrawAndLevelOne() async throws {
        let person = RegistryPeople.singleAdult
        let basic = RegistryPeople.insured
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty) { raw, _ in
                let citizen = try await citizenClient(raw, person)
                let dossier = try citizen.decode(
                    DossierJSON.self, try await citizen.call(.post, "/api/v1/dossiers", json: Self.birthRequest(person)).body)
                let withdrawn = try #require(try await citizen.transition(
                    dossier.code, "withdraw", version: dossier.version, extra: #","reason":"Nộp nhầm""#))
                #expect(withdrawn.status.name == "withdrawn")

                // What the State holds about me, and my own look-up in my data-access list.
                let profile = try await citizen.call(.get, "/api/v1/citizen/profile")
                #expect(profile.status == .ok)
                #expect(profile.body.contains(person.fullName) && profile.body.contains(person.householdID))
                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.contains { $0.whoVi == "Bạn" && $0.purposeVi == "Bạn tự tra cứu" })

                let levelOne = try await citizenClient(raw, basic, level: 1)
                #expect(try await levelOne.call(.get, "/api/v1/citizen/me").body.contains(#""canSubmitOnline":false"#))
                let refused = try await levelOne.call(.post, "/api/v1/dossiers", json: Self.birthRequest(basic))
                #expect(refused.status == .forbidden)
                #expect(refused.body.contains("level 2"))
                #expect(try await levelOne.call(.get, "/api/v1/dossiers").status == .ok)
            }
        }
    }
}
