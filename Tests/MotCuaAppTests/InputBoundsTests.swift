import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import NIOCore
import Testing

@Suite("Every input the contract bounds is enforced at the edge, naming the field")
struct InputBoundsTests {
    @Test("Query and path parameters outside the contract's bounds get a 400 naming the parameter", arguments: TestDatabase.backends)
    func parameterBounds(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let auditor = try await s.anonymous.signedIn("hcc.thanhtra")
            let cases: [(Client, String, String)] = [
                (s.reception, "/api/v1/dossiers?dueWithinDays=366", "dueWithinDays"),
                (s.reception, "/api/v1/dossiers?dueWithinDays=1000000000", "dueWithinDays"),
                (s.reception, "/api/v1/dossiers?dueWithinDays=-1", "dueWithinDays"),
                (s.reception, "/api/v1/dossiers?dueWithinDays=99999999999999999999999", "dueWithinDays"),
                (s.reception, "/api/v1/dossiers?limit=0", "limit"),
                (s.reception, "/api/v1/dossiers?limit=-1", "limit"),
                (s.reception, "/api/v1/dossiers?limit=201", "limit"),
                (s.reception, "/api/v1/dossiers/" + String(repeating: "9", count: 10_000), "code"),
                (s.reception, "/api/v1/dossiers?cursor=" + String(repeating: "A", count: 3_000), "cursor"),
                (s.anonymous, "/api/v1/public/dossiers/000.60.99.H10-261130-0001/status?idLast4=12a4", "idLast4"),
                (auditor, "/api/v1/access-log?limit=100000", "limit"),
                (auditor, "/api/v1/access-log?from=yesterday", "from"),
                (auditor, "/api/v1/access-log?purpose=a%00b", "purpose"),
                (s.reception, "/api/v1/registry/insurance/027203001234?purpose=%01abc", "purpose"),
            ]
            for (caller, path, field) in cases {
                let response = try await caller.call(.get, path)
                #expect(response.status == .badRequest, "\(path.prefix(80)): \(response.body)")
                let problem = try s.anonymous.decode(ProblemJSON.self, response.body)
                #expect(problem.field == field, "\(path.prefix(80)): \(response.body)")
                // A rejected value is never echoed back whole.
                #expect(response.body.utf8.count < 1_000)
            }
            #expect(try await s.reception.call(.get, "/api/v1/dossiers?dueWithinDays=365").status == .ok)
            #expect(try await s.reception.call(.get, "/api/v1/dossiers?dueWithinDays=0&limit=1").status == .ok)
            // RFC 3339 with fractional seconds and an offset is a valid date-time.
            let fractional = try await auditor.call(.get, "/api/v1/access-log?from=2026-11-30T09:00:00.5Z&until=2026-12-31T23:59:59.123%2B07:00")
            #expect(fractional.status == .ok, "\(fractional.body)")
            let key = try await s.reception.call(
                .post, "/api/v1/dossiers", json: s.birthRequest(), headers: [HTTPField.Name("Idempotency-Key")!: String(repeating: "k", count: 201)])
            #expect(key.status == .badRequest && key.body.contains("Idempotency-Key"), "\(key.body)")
        }
    }

    @Test("Control characters in any text field are refused with a 422 naming the field; line breaks only in notes", arguments: TestDatabase.backends)
    func controlCharacters(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let valid = s.birthRequest()
            let cases: [(String, String)] = [
                (s.birthRequest(name: #"Nguyễn\u0000Khánh Lộc"#), "applicant.fullName"),
                (s.birthRequest(name: #"Nguyễn\u0007Bình"#), "applicant.fullName"),
                (s.birthRequest(name: #"Nguyễn\nBình"#), "applicant.fullName"),
                (s.birthRequest(name: "Nguyễn \u{202E}Bình"), "applicant.fullName"),
                (valid.replacingOccurrences(of: #""tenTre":"#, with: #""ten\u0000Tre":"#), "formData"),
                (valid.replacingOccurrences(of: #""Nguyễn Minh Khôi""#, with: #""Nguyễn\u0000 Minh Khôi""#), "formData.tenTre"),
                (valid.replacingOccurrences(of: #""reference":""#, with: #""reference":"a\u001b"#), "components[0].reference"),
                (valid.replacingOccurrences(of: #""tenTre":"Nguyễn Minh Khôi""#, with: #""tenTre":"\#(String(repeating: "x", count: 4_001))""#), "formData.tenTre"),
            ]
            for (body, field) in cases {
                let response = try await s.reception.call(.post, "/api/v1/dossiers", json: body)
                #expect(response.status == .unprocessableContent, "\(field): \(response.body)")
                #expect(try s.reception.decode(ProblemJSON.self, response.body).field == field, "\(response.body)")
            }
            let page = try s.reception.decode(PageJSON.self, try await s.reception.call(.get, "/api/v1/dossiers").body)
            #expect(page.items.isEmpty, "nothing half-written")

            let dossier = try await s.receiveBirth()
            let nul = try await s.reception.call(
                .post, "/api/v1/dossiers/\(dossier.code)/transitions",
                json: #"{"action":"refuse_receipt","version":\#(dossier.version),"reason":"Thiếu bản sao\u0000 giấy khai sinh"}"#)
            #expect(nul.status == .unprocessableContent && nul.body.contains(#""field":"reason""#), "\(nul.body)")
            let purpose = try await s.reception.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"027203001234","purpose":"\u0001abc"}"#)
            #expect(purpose.status == .unprocessableContent && purpose.body.contains(#""field":"purpose""#), "\(purpose.body)")
            // A multi-line reason is fine.
            try await s.reception.transition(
                dossier.code, "withdraw", version: dossier.version, extra: #","reason":"Thiếu bản sao giấy khai sinh.\n\tCần bổ sung""#)
        }
    }

    @Test("A chunked body over the limit answers 413, and an undeclared method on an API path 405 with Allow", arguments: [TestDatabase.sqlite])
    func bodyLimitAndMethods(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            // No Content-Length: the limit is found while reading the body.
            let body = ByteBuffer(string: #"{"username":""# + String(repeating: "x", count: 2 << 20) + #"","password":"x"}"#)
            let status = try await client.execute(
                uri: "/api/v1/auth/sign-in", method: .post, headers: [.contentType: "application/json", .transferEncoding: "chunked"],
                body: body
            ) { $0.status }
            #expect(status == .contentTooLarge)

            let put = try await client.execute(uri: "/api/v1/dossiers", method: .put) { $0 }
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted() == ["GET", "POST"])
            let delete = try await client.execute(uri: "/api/v1/dossiers/000.60.99.H10-261130-0001", method: .delete) { $0 }
            #expect(delete.status == .methodNotAllowed && delete.headers[.allow] == "GET")
        }
    }

    @Test("The auditor's page of the access log carries a cursor whenever more entries may follow", arguments: [TestDatabase.sqlite])
    func accessLogCursor(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let insured = RegistryPeople.insured.citizenID.value
            for _ in 0..<3 {
                let lookUp = try await s.reception.call(.get, "/api/v1/registry/insurance/\(insured)?purpose=insurance_check")
                #expect(lookUp.status == .ok, "\(lookUp.body)")
            }
            let auditor = try await s.anonymous.signedIn("hcc.thanhtra")
            let first = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?limit=2").body)
            #expect(first.items.count == 2)
            let cursor = try #require(first.nextCursor)
            let rest = try auditor.decode(AccessPageJSON.self, try await auditor.call(.get, "/api/v1/access-log?limit=500&cursor=\(cursor)").body)
            #expect(rest.items.count == 1)
            #expect(rest.nextCursor == nil)
        }
    }
}
