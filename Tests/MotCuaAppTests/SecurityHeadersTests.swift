import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaTestSupport
import Testing

@testable import MotCuaApp
import MotCuaIntegrations

@Suite("Hardening headers and the operations endpoints")
struct SecurityHeadersTests {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let hsts = HTTPField.Name("Strict-Transport-Security")!

    @Test("Every answer forbids sniffing, framing and referrers; personal data is never cached; HSTS only behind HTTPS")
    func headers() async throws {
        try await EIDSandbox.run { eid in try await withApp(.sqlite, eid: eid.relyingParty) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            let answers: [(String, (status: HTTPResponse.Status, body: String, headers: HTTPFields))] = [
                ("dossier", try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)")),
                ("problem", try await s.anonymous.call(.get, "/api/v1/dossiers")),
                ("catalogue", try await s.anonymous.call(.get, "/api/v1/procedures")),
                ("page", try await s.anonymous.call(.get, "/")),
                ("e-ID failure", try await s.anonymous.call(.get, "/auth/eid/callback?error=access_denied&state=x")),
                ("health", try await s.anonymous.call(.get, "/healthz")),
            ]
            for (name, answer) in answers {
                #expect(answer.headers[.xContentTypeOptions] == "nosniff", "\(name)")
                #expect(answer.headers[Self.referrerPolicy] == "no-referrer", "\(name)")
                #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(name)")
                #expect(answer.headers[Self.hsts] == nil, "\(name): no HSTS over plain HTTP")
            }
            #expect(answers[0].1.headers[.cacheControl] == "no-store")
            #expect(answers[1].1.headers[.cacheControl] == "no-store")
            #expect(answers[2].1.headers[.cacheControl] != "no-store", "the public catalogue may be cached")
            #expect(answers[4].1.status == .badRequest && answers[4].1.headers[.cacheControl] == "no-store")
        } }
        try await withApp(.sqlite, configure: { $0.publicURL = "https://motcua.bacninh.gov.vn" }) { client, _ in
            let answer = try await Client(client: client).call(.get, "/api/v1/procedures")
            #expect(answer.headers[Self.hsts]?.hasPrefix("max-age=") == true)
        }
    }

    @Test("Metrics are for the scraper's token or an operations monitor, and the dossier counts are cached between scrapes")
    func metricsAccess() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-metrics-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token").path
        let token = String(repeating: "s3cr3t-", count: 6)
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        try await withApp(.sqlite, configure: { $0.metricsTokenFile = tokenFile }) { client, _ in
            let s = try await Scenario(client)
            #expect(try await s.anonymous.call(.get, "/metrics").status == .unauthorized)
            #expect(try await s.reception.call(.get, "/metrics").status == .forbidden)
            var scraper = s.anonymous
            scraper.token = token
            let first = try await scraper.call(.get, "/metrics")
            #expect(first.status == .ok)
            #expect(first.body.contains(#"motcua_dossiers{status="received"} 0"#))
            _ = try await s.receiveBirth()
            // Within the refresh interval the count is the cached one: no table scan per scrape.
            #expect(try await scraper.call(.get, "/metrics").body.contains(#"motcua_dossiers{status="received"} 0"#))
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            #expect(try await monitor.call(.get, "/metrics").status == .ok)
            scraper.token = String(token.dropLast())
            #expect(try await scraper.call(.get, "/metrics").status == .unauthorized)
        }
    }

    @Test("Pending e-ID sign-ins are bounded: past the cap the oldest is forgotten, expired ones leave in order")
    func pendingLoginsBounded() {
        let pending = EIDPendingLogins(capacity: 3)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func request(_ n: Int) -> EIDAuthorizationRequest {
            EIDAuthorizationRequest(state: "s\(n)", nonce: "n", codeVerifier: "v", authorizationURL: "https://eid.example/authorize")
        }
        for n in 0..<10_000 { pending.insert(request(n), returnTo: "/citizen", now: start) }
        #expect(pending.count == 3)
        #expect(pending.take(state: "s0", now: start) == nil)
        #expect(pending.take(state: "s9999", now: start)?.returnTo == "/citizen")
        // Ten minutes later the rest have expired and make room without being counted.
        let later = start.addingTimeInterval(EIDPendingLogins.lifetime + 1)
        pending.insert(request(10_000), returnTo: "/citizen", now: later)
        #expect(pending.count == 1)
        #expect(pending.take(state: "s9998", now: later) == nil)
        #expect(pending.take(state: "s10000", now: later) != nil)
    }
}
