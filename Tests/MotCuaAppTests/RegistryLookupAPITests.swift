import Foundation
import HTTPTypes
import MotCuaDomain
import MotCuaRegistrySandbox
import MotCuaSandboxService
import MotCuaTestSupport
import Testing

struct AccessEntryJSON: Decodable {
    let subject: String
    let registry: String
    let actorId: String
    let agencyId: String?
    let purposeKind: String
    let purposeReference: String
    let outcome: String
}

struct AccessPageJSON: Decodable {
    let items: [AccessEntryJSON]
    let nextCursor: String?
}

struct ProfileJSON: Decodable {
    struct Flag: Decodable { let kind: String }
    struct Scan: Decodable {
        let matchesRegister: Bool
        let differences: [String]
    }
    let citizenId: String
    let fullName: String
    let maritalStatus: String
    let flags: [Flag]
    let scan: Scan?
    let requestId: String
}

@Suite("Counter look-ups, insurance and the access log")
struct RegistryLookupAPITests {
    @Test("Scanning a chip-card QR at the counter shows the register's profile and logs who looked, why and at what", arguments: TestDatabase.backends)
    func scanToProfile(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.singleAdult
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let qr = RegistryPeople.qr(person).replacingOccurrences(of: "\"", with: "\\\"")
            let response = try await officer.call(
                .post, "/api/v1/registry/profile", json: #"{"qr":"\#(qr)","purpose":"counter_before_receipt","note":"1.004873 xác nhận tình trạng hôn nhân"}"#)
            #expect(response.status == .ok, "\(response.body)")
            let profile = try officer.decode(ProfileJSON.self, response.body)
            #expect(profile.citizenId == person.citizenID.value)
            #expect(profile.fullName == person.fullName)
            #expect(profile.maritalStatus == "single")
            #expect(profile.scan?.matchesRegister == true)

            let auditor = try await Client(client: raw).signedIn("hcc.thanhtra")
            let log = try auditor.decode(
                AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?subject=\(person.citizenID.value)").body)
            #expect(Set(log.items.map(\.registry)) == ["population", "civil_status"])
            #expect(log.items.allSatisfy { $0.actorId == "kinhbac.tiepnhan" && $0.agencyId == "xa-09187" && $0.purposeKind == "counter_lookup" })
            #expect(log.items.allSatisfy { $0.purposeReference == "1.004873 xác nhận tình trạng hôn nhân" })
            #expect(log.items.first { $0.registry == "population" }?.outcome == "found")
            // The log is for auditors only.
            #expect(try await officer.call(.get, "/api/v1/access-log").status == .forbidden)
        }
    }

    @Test("A typed ID works too; a marriage registered but missing from the profile is flagged", arguments: TestDatabase.backends)
    func typedIDAndDiscrepancy(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.marriageMissingFromProfile
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let response = try await officer.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(person.citizenID.value)","purpose":"counter_before_receipt","note":"kiểm tra trước khi tiếp nhận"}"#)
            #expect(response.status == .ok, "\(response.body)")
            let profile = try officer.decode(ProfileJSON.self, response.body)
            #expect(profile.flags.map(\.kind).contains("marriage_missing_from_profile"))
            #expect(profile.scan == nil)
        }
    }

    @Test("Garbage scans, wrong-length IDs, a missing purpose and the wrong role get a precise 4xx and log nothing", arguments: TestDatabase.backends)
    func badLookUps(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let cases: [(String, String?)] = [
                (#"{"qr":"xin chào","purpose":"counter_before_receipt"}"#, "qr"),
                (#"{"qr":"024190000001||Nguyễn Văn A|31022090|Nam|Kinh Bắc|01012022","purpose":"counter_before_receipt"}"#, "qr"),
                (#"{"citizenId":"02419000000","purpose":"counter_before_receipt"}"#, "citizenId"),
                (#"{"citizenId":"0241900000012","purpose":"counter_before_receipt"}"#, "citizenId"),
                (#"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt","note":"a\u0001bc"}"#, "note"),
                (#"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt","note":"  "}"#, "note"),
                (#"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"dossier"}"#, "dossierCode"),
                (#"{"purpose":"counter_before_receipt"}"#, "qr"),
            ]
            for (body, field) in cases {
                let response = try await officer.call(.post, "/api/v1/registry/profile", json: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.body)")
                #expect(try officer.decode(ProblemJSON.self, response.body).field == field, "\(body)")
            }
            // A free-text purpose is no purpose: only the listed ones are accepted.
            let freeText = try await officer.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"tò mò"}"#)
            #expect(freeText.status == .badRequest, "\(freeText.body)")
            let unknown = try await officer.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(RegistryPeople.unknownID)","purpose":"counter_before_receipt"}"#)
            #expect(unknown.status == .notFound)
            let clerk = try await Client(client: raw).signedIn("kinhbac.trakq")
            let refused = try await clerk.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt"}"#)
            #expect(refused.status == .forbidden)
            let anonymous = try await Client(client: raw).call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt"}"#)
            #expect(anonymous.status == .unauthorized)

            let auditor = try await Client(client: raw).signedIn("hcc.thanhtra")
            let log = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log").body)
            // Only the unknown ID reached the registry, and it is logged as not found, not as an access to data.
            #expect(!log.items.isEmpty)
            #expect(log.items.allSatisfy { $0.outcome == "not_found" && $0.subject == RegistryPeople.unknownID })
        }
    }

    @Test("A registry outage answers 503 with Retry-After, and the failed attempts are logged as failed", arguments: TestDatabase.backends)
    func outage(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, sandbox, _ in
            sandbox.faults.set(.init(failStatus: 503), for: nil)
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let response = try await officer.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(RegistryPeople.singleAdult.citizenID.value)","purpose":"counter_before_receipt"}"#)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] != nil)
            let auditor = try await Client(client: raw).signedIn("hcc.thanhtra")
            let log = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log").body)
            #expect(!log.items.isEmpty && log.items.allSatisfy { $0.outcome == "failed" })
        }
    }

    @Test("Health-insurance status by citizen ID: valid until and clinic; unknown is not_found; a bad ID is 422", arguments: TestDatabase.backends)
    func insurance(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.insured
            let record = RegistryPeople.registry.insurance(for: person.citizenID)!
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let purpose = "insurance_check&note=c%E1%BA%A5p%20l%E1%BA%A1i%20th%E1%BA%BB"
            let found = try await officer.call(.get, "/api/v1/registry/insurance/\(person.citizenID.value)?purpose=\(purpose)")
            #expect(found.status == .ok, "\(found.body)")
            #expect(found.body.contains(#""status":"valid""#))
            #expect(found.body.contains(record.clinicName))
            #expect(found.body.contains(record.validUntil.description))
            let none = try await officer.call(.get, "/api/v1/registry/insurance/\(RegistryPeople.unknownID)?purpose=\(purpose)")
            #expect(none.body.contains(#""status":"not_found""#))
            let bad = try await officer.call(.get, "/api/v1/registry/insurance/12345?purpose=\(purpose)")
            #expect(bad.status == .unprocessableContent)
        }
    }
}
