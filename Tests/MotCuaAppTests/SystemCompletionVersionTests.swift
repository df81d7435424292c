import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaTestSupport
import Testing

@Suite("A background completion does not invalidate an official's next action")
struct SystemCompletionVersionTests {
    @Test("The README walk-through: 'assign' with version 1 succeeds after the verifier has completed the dossier", arguments: TestDatabase.backends)
    func assignAfterVerification(backend: TestDatabase) async throws {
        try await withSandboxApp(backend) { raw, _, _ in
            let s = try await Scenario(raw)
            let response = try await s.reception.call(
                .post, "/api/v1/dossiers", json: DossierPrefillTests.maritalStatusRequest(RegistryPeople.singleAdult),
                headers: [HTTPField.Name("Prefer")!: "wait=0"])
            #expect(response.status == .created, "\(response.body)")
            let received = try s.reception.decode(DossierJSON.self, response.body)
            #expect(received.version == 1)
            var current = received
            for _ in 0..<250 where current.version == 1 {
                try await Task.sleep(for: .milliseconds(20))
                current = try s.reception.decode(DossierJSON.self, try await s.reception.call(.get, "/api/v1/dossiers/\(received.code)").body)
            }
            #expect(current.version == 2, "the verifier appended its entry")

            let assigned = try await s.reception.transition(
                received.code, "assign", version: 1, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            #expect(assigned?.version == 3)
            // A person's action in between still makes an older version stale.
            try await s.reception.transition(
                received.code, "assign", version: 1, extra: #","assigneeId":"kinhbac.chuyenvien""#, expect: .conflict)
            let history = try await s.reception.call(.get, "/api/v1/dossiers/\(received.code)/history")
            #expect(history.body.contains("verify_registry"))
        }
    }
}
