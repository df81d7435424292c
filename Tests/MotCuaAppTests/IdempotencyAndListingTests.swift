import Foundation
import HTTPTypes
import Logging
import MotCuaStorage
import HummingbirdTesting
import MotCuaTestSupport
import Testing

@Suite("Idempotency, workqueues and operations endpoints")
struct IdempotencyAndListingTests {
    @Test("A retried create or transition with the same Idempotency-Key gets the first answer and changes nothing twice", arguments: TestDatabase.backends)
    func retriesAreIdempotent(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let first = try await s.receiveBirth(idempotencyKey: "k-1")
            let again = try await s.receiveBirth(idempotencyKey: "k-1")
            #expect(first.code == again.code && first.id == again.id)
            // The retry sees the dossier as it is now (completed from national data), so its version is current.
            #expect(again.version == first.version)
            let reused = try await s.reception.call(
                .post, "/api/v1/dossiers", json: s.birthRequest(name: "Trần Thị Mai"), headers: [.init("Idempotency-Key")!: "k-1"])
            #expect(reused.status == .unprocessableContent)
            let body = #"{"action":"assign","version":2,"assigneeId":"kinhbac.chuyenvien"}"#
            let headers: HTTPFields = [.init("Idempotency-Key")!: "t-1"]
            let a = try await s.reception.call(.post, "/api/v1/dossiers/\(first.code)/transitions", json: body, headers: headers)
            let b = try await s.reception.call(.post, "/api/v1/dossiers/\(first.code)/transitions", json: body, headers: headers)
            #expect(a.status == .ok && b.status == .ok)
            #expect(try s.reception.decode(DossierJSON.self, b.body).version == 3)
            let page = try s.reception.decode(PageJSON.self, try await s.reception.call(.get, "/api/v1/dossiers").body)
            #expect(page.items.count == 1)
            let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(first.code)/history").body)
            #expect(history.count == 3)
        }
    }

    @Test("Workqueue filters by status, step, assignee and due date, and pages with a cursor", arguments: TestDatabase.backends)
    func workqueueFilters(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, _ in
            let s = try await Scenario(client)
            var codes: [String] = []
            for minute in 0..<5 {
                clock.set(vietnamTime(2026, 12, 7, 9, minute))
                codes.append(try await s.receiveBirth().code)
            }
            try await s.reception.transition(codes[0], "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            try await s.reception.transition(codes[1], "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            func list(_ client: Client, _ query: String) async throws -> PageJSON {
                let response = try await client.call(.get, "/api/v1/dossiers?" + query)
                #expect(response.status == .ok, "\(query): \(response.body)")
                return try client.decode(PageJSON.self, response.body)
            }
            #expect(try await list(s.specialist, "assignedToMe=true").items.map(\.code) == Array(codes[0...1]))
            #expect(try await list(s.reception, "status=received").items.count == 3)
            #expect(try await list(s.reception, "status=received&status=in_process").items.count == 5)
            #expect(try await list(s.reception, "step=appraisal").items.count == 2)
            #expect(try await list(s.reception, "overdue=true").items.isEmpty)
            #expect(try await list(s.reception, "dueWithinDays=0").items.count == 5)
            let page1 = try await list(s.reception, "limit=3")
            let page2 = try await list(s.reception, "limit=3&cursor=\(try #require(page1.nextCursor))")
            #expect((page1.items + page2.items).map(\.code) == codes)
            #expect(page2.nextCursor == nil)
            #expect(try await s.reception.call(.get, "/api/v1/dossiers?cursor=garbage").status == .unprocessableContent)
            #expect(try await s.reception.call(.get, "/api/v1/dossiers?status=nonsense").status == .badRequest)
        }
    }

    @Test("Health, metrics and the served OpenAPI contract", arguments: TestDatabase.backends)
    func operationalEndpoints(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            _ = try await s.receiveBirth()
            #expect(try await s.anonymous.call(.get, "/healthz").status == .ok)
            let spec = try await s.anonymous.call(.get, "/openapi.yaml")
            #expect(spec.status == .ok && spec.body.contains("operationId: createDossier"))
            #expect(try await s.anonymous.call(.get, "/metrics").status == .unauthorized)
            let metrics = try await s.anonymous.signedIn("hcc.giamsat").call(.get, "/metrics").body
            #expect(metrics.contains(#"motcua_dossiers{status="received"} 1"#))
            #expect(metrics.contains("motcua_http_requests_total"))
            #expect(metrics.contains("motcua_http_request_duration_seconds"))
            let missing = try await s.anonymous.call(.get, "/api/v1/nowhere")
            #expect(missing.status == .notFound && missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }
}
