import Foundation
import HTTPTypes
import Logging
import MotCuaStorage
import HummingbirdTesting
import MotCuaTestSupport
import Testing

@Suite("Bad input is refused precisely and writes nothing")
struct BadInputTests {
    @Test("Malformed or invalid dossier requests get a 4xx naming the problem, and no dossier is written", arguments: TestDatabase.backends)
    func invalidCreateRequestsWriteNothing(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let valid = s.birthRequest()
            let cases: [(String, String, Int, String?)] = [
                ("malformed JSON", "{\"procedureCode\": ", 400, nil),
                ("wrong type", valid.replacingOccurrences(of: #""channel":"counter""#, with: #""channel":42"#), 400, nil),
                ("unknown field", valid.replacingOccurrences(of: #""channel":"counter""#, with: #""channel":"counter","colour":"red""#), 400, nil),
                ("11-digit ID", s.birthRequest(citizenID: "02720300123"), 422, "applicantId"),
                ("ID with letters", s.birthRequest(citizenID: "02720300123A"), 422, "applicantId"),
                ("unknown place code", s.birthRequest(citizenID: "099203001234"), 422, "applicantId"),
                ("empty name", s.birthRequest(name: "  "), 422, "applicantName"),
                ("unknown procedure", valid.replacingOccurrences(of: s.birth.code, with: "9.999999"), 422, "procedureCode"),
                ("unknown agency", valid.replacingOccurrences(of: s.ward.id, with: "xa-00000"), 422, "agencyId"),
                ("unknown component", valid.replacingOccurrences(of: #""components":["#, with: #""components":[{"code":"XYZ"},"#), 422, "components"),
                ("online by an officer", valid.replacingOccurrences(of: #""channel":"counter""#, with: #""channel":"online""#), 422, "channel"),
            ]
            for (name, body, status, field) in cases {
                let response = try await s.reception.call(.post, "/api/v1/dossiers", json: body)
                #expect(response.status.code == status, "\(name): \(response.body)")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(name)")
                let problem = try s.reception.decode(ProblemJSON.self, response.body)
                #expect(!problem.detail.isEmpty)
                if let field { #expect(problem.field == field, "\(name): \(response.body)") }
            }
            let oversized = #"{"procedureCode":"\#(String(repeating: "x", count: 2 << 20))"}"#
            #expect(try await s.reception.call(.post, "/api/v1/dossiers", json: oversized).status == .contentTooLarge)
            let page = try s.reception.decode(PageJSON.self, try await s.reception.call(.get, "/api/v1/dossiers").body)
            #expect(page.items.isEmpty)
        }
    }

    @Test("Missing, forged or expired tokens are refused; dossiers of another agency are invisible", arguments: TestDatabase.backends)
    func authenticationAndAgencyScope(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, _ in
            let s = try await Scenario(client)
            #expect(try await s.anonymous.call(.get, "/api/v1/dossiers").status == .unauthorized)
            var forged = s.reception
            forged.token = String(s.reception.token!.dropLast(2)) + "AA"
            #expect(try await forged.call(.get, "/api/v1/dossiers").status == .unauthorized)
            let dossier = try await s.receiveBirth()
            let department = try await s.anonymous.signedIn("so.lanhdao")
            #expect(try await department.call(.get, "/api/v1/dossiers/\(dossier.code)").status == .notFound)
            #expect(try await department.call(.get, "/api/v1/dossiers?agency=\(s.ward.id)").status == .forbidden)
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            #expect(try await monitor.call(.get, "/api/v1/dossiers/\(dossier.code)").status == .ok)
            // tokens last 8 hours from sign-in
            clock.set(vietnamTime(2026, 12, 7, 16, 59))
            #expect(try await s.reception.call(.get, "/api/v1/dossiers").status == .ok)
            clock.set(vietnamTime(2026, 12, 7, 17, 1))
            #expect(try await s.reception.call(.get, "/api/v1/dossiers").status == .unauthorized)
        }
    }

    @Test("Repeated wrong passwords lock the account, even against the right password", arguments: TestDatabase.backends)
    func lockOutAfterRepeatedFailures(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let anonymous = Client(client: client)
            for _ in 0..<5 {
                let response = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"kinhbac.lanhdao","password":"wrong"}"#)
                #expect(response.status == .unauthorized)
            }
            let locked = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"kinhbac.lanhdao","password":"MotCua@2026"}"#)
            #expect(locked.status == .unauthorized)
            // A locked account answers exactly like an unknown one, so nobody learns which usernames exist.
            let unknown = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"nobody","password":"x"}"#)
            #expect(unknown.status == .unauthorized && unknown.body == locked.body)
        }
    }
}

struct SummaryJSON: Decodable {
    let code: String
    let version: Int
    let overdue: Bool
}

struct PageJSON: Decodable {
    let items: [SummaryJSON]
    let nextCursor: String?
}
