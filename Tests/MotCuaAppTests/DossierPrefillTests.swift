import Foundation
import HTTPTypes
import MotCuaApp
import MotCuaDomain
import MotCuaRegistrySandbox
import MotCuaSandboxService
import MotCuaTestSupport
import Testing

@Suite("Prefill from national data, and the public status look-up")
struct DossierPrefillTests {
    static func maritalStatusRequest(_ person: PopulationRecord) -> String {
        #"{"procedureCode":"1.004873","agencyId":"xa-09187","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"counter","formData":{"mucDich":"kết hôn"},"components":[{"code":"declaration","reference":"eform"}]}"#
    }

    @Test("A marital-status certificate dossier is received with its ID component satisfied from national data and nothing uploaded", arguments: TestDatabase.backends)
    func prefill(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.singleAdult
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let response = try await officer.call(.post, "/api/v1/dossiers", json: Self.maritalStatusRequest(person))
            #expect(response.status == .created, "\(response.body)")
            let dossier = try officer.decode(DossierJSON.self, response.body)
            #expect(dossier.component("requester_id")?.state == "from_registry")
            #expect(dossier.component("requester_id")?.reference?.contains(person.householdID) == true)
            // Optional proof of divorce: the civil-status database has none for a single person, so it is not asked for.
            #expect(dossier.component("divorce_or_death_proof")?.state == "not_applicable")
            #expect(dossier.flags?.isEmpty == true)
            #expect(dossier.verification == nil)
            #expect(dossier.version == 2)

            let history = try await officer.call(.get, "/api/v1/dossiers/\(dossier.code)/history")
            #expect(history.body.contains("verify_registry"))
            let auditor = try await Client(client: raw).signedIn("hcc.thanhtra")
            let log = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?purpose=\(dossier.code)").body)
            #expect(Set(log.items.map(\.registry)).isSuperset(of: ["population", "civil_status"]))
            #expect(log.items.allSatisfy { $0.purposeKind == "dossier" && $0.actorId == "kinhbac.tiepnhan" })
            // The operations centre sees the calls by database and outcome, and what still waits.
            let metrics = try await Client(client: raw).signedIn("hcc.giamsat").call(.get, "/metrics").body
            #expect(metrics.contains(#"motcua_registry_calls_total{registry="population",outcome="found"} 1"#))
            #expect(metrics.contains("motcua_registry_pending_verifications 0"))
        }
    }

    @Test("Without Prefer: wait the receipt answers at once and the background verifier completes it moments later", arguments: TestDatabase.backends)
    func immediateAnswer(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.singleAdult
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let response = try await officer.call(
                .post, "/api/v1/dossiers", json: Self.maritalStatusRequest(person), headers: [HTTPField.Name("Prefer")!: "wait=0"])
            #expect(response.status == .created)
            let received = try officer.decode(DossierJSON.self, response.body)
            #expect(received.version == 1)
            #expect(received.component("requester_id")?.state == "pending_verification")
            var completed: DossierJSON?
            for _ in 0..<250 {
                let current = try officer.decode(DossierJSON.self, try await officer.call(.get, "/api/v1/dossiers/\(received.code)").body)
                if current.components.allSatisfy({ $0.state != "pending_verification" }) {
                    completed = current
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(completed?.component("requester_id")?.state == "from_registry")
            #expect(completed?.version == 2)
        }
    }

    @Test("Discrepancies between the registers are flagged on the dossier for the specialist", arguments: TestDatabase.backends)
    func flags(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.marriageMissingFromProfile
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let dossier = try officer.decode(
                DossierJSON.self, try await officer.call(.post, "/api/v1/dossiers", json: Self.maritalStatusRequest(person)).body)
            #expect(dossier.flags?.map(\.kind).contains("marriage_missing_from_profile") == true)
        }
    }

    @Test("With the registry down the dossier is still received, pending, and the background retry completes it", arguments: TestDatabase.backends)
    func outageThenRecovery(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withSandboxApp(backend, clock: clock, configure: { $0.verificationInterval = .milliseconds(50) }) { raw, sandbox, _ in
            sandbox.faults.set(.init(failStatus: 503), for: nil)
            let person = RegistryPeople.singleAdult
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let response = try await officer.call(.post, "/api/v1/dossiers", json: Self.maritalStatusRequest(person))
            #expect(response.status == .created, "\(response.body)")
            let received = try officer.decode(DossierJSON.self, response.body)
            #expect(received.component("requester_id")?.state == "pending_verification")
            let opened = try officer.decode(DossierJSON.self, try await officer.call(.get, "/api/v1/dossiers/\(received.code)").body)
            #expect(opened.verification?.lastError != nil)

            sandbox.faults.clear()
            clock.set(clock.now().addingTimeInterval(60))
            var settled: DossierJSON?
            for _ in 0..<200 {
                let current = try officer.decode(DossierJSON.self, try await officer.call(.get, "/api/v1/dossiers/\(received.code)").body)
                if current.components.allSatisfy({ $0.state != "pending_verification" }) {
                    settled = current
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(settled != nil, "the background retry did not complete the dossier")
            #expect(settled?.verification == nil)
            #expect(settled?.component("requester_id")?.state == "from_registry")
            let auditor = try await Client(client: raw).signedIn("hcc.thanhtra")
            let log = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?purpose=\(received.code)").body)
            #expect(log.items.contains { $0.actorId == "registry-verifier" && $0.outcome == "found" })
            #expect(log.items.contains { $0.outcome == "failed" })
        }
    }

    @Test("Anyone can follow a dossier by code and the ID's last four digits; nothing personal, wrong digits 404, guessing is limited", arguments: TestDatabase.backends)
    func publicStatus(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let person = RegistryPeople.singleAdult
            let officer = try await Client(client: raw).signedIn("kinhbac.tiepnhan")
            let dossier = try officer.decode(
                DossierJSON.self, try await officer.call(.post, "/api/v1/dossiers", json: Self.maritalStatusRequest(person)).body)
            let anonymous = Client(client: raw)
            let ok = try await anonymous.call(.get, "/api/v1/public/dossiers/\(dossier.code)/status?idLast4=\(person.citizenID.lastFour)")
            #expect(ok.status == .ok, "\(ok.body)")
            #expect(ok.body.contains(#""procedureCode":"1.004873""#))
            #expect(!ok.body.contains(person.fullName) && !ok.body.contains(person.citizenID.value))
            #expect(try await anonymous.call(.get, "/api/v1/public/dossiers/\(dossier.code)/status?idLast4=12a4").status.code / 100 == 4)
            let wrong = person.citizenID.lastFour == "0000" ? "0001" : "0000"
            var statuses: [Int] = []
            for _ in 0..<6 {
                statuses.append(try await anonymous.call(.get, "/api/v1/public/dossiers/\(dossier.code)/status?idLast4=\(wrong)").status.code)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == 404 })
            #expect(statuses.last == 429)
            // Once limited, even the right digits wait: the limit protects the code, not the guess.
            let limited = try await anonymous.call(.get, "/api/v1/public/dossiers/\(dossier.code)/status?idLast4=\(person.citizenID.lastFour)")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
        }
    }
}
