import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage
import MotCuaTestSupport
import NIOCore
import Testing

@testable import MotCuaApp

@Suite("Citizen sign-in through the national e-ID")
struct EIDLoginTests {
    typealias Reply = (status: HTTPResponse.Status, headers: HTTPFields, body: String)

    private func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> Reply {
        try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    /// `/auth/eid/start`, then the provider's sign-in; answers the callback path and the state cookie.
    private func signIn(
        _ client: some TestClientProtocol, returnTo: String, citizenID: String, level: Int = 2
    ) async throws -> (callback: String, cookie: String) {
        let start = try await get(client, "/auth/eid/start?return_to=" + returnTo)
        #expect(start.status == .found)
        let setCookie = try #require(start.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
        let authorizationURL = try #require(start.headers[.location])
        let state = try #require(Browser.query(authorizationURL)["state"])
        #expect(setCookie.hasPrefix("motcua_eid_state=" + state + ";"))
        let provider = try await Browser.signIn(authorizationURL, citizenID: citizenID, level: level)
        let callback = try #require(provider.location)
        let platform = AppConfiguration().publicBaseURL
        #expect(callback.hasPrefix(platform + "/auth/eid/callback?"))
        return (String(callback.dropFirst(platform.count)), "motcua_eid_state=" + state)
    }

    @Test("The full sign-in yields a citizen token the platform accepts, but not as an official")
    func fullFlow() async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            try await withApp(.sqlite, eid: sandbox.relyingParty) { client, _ in
                let (callback, cookie) = try await signIn(client, returnTo: "/citizen/dossiers", citizenID: person.citizenID.value)
                let done = try await get(client, callback, headers: [.cookie: cookie])
                #expect(done.status == .found)
                let location = try #require(done.headers[.location])
                // a JWT (header `{"typ":"JWT","alg":"HS256","kid":…}`) tied to a server-side session
                #expect(location.hasPrefix("/citizen/dossiers#token=eyJ"))
                let fragment = Browser.query("/?" + location.split(separator: "#", maxSplits: 1)[1])
                let token = try #require(fragment["token"])
                let expiresAt = try #require(fragment["expires_at"].flatMap { ISO8601DateFormatter().date(from: $0) })
                #expect(expiresAt == vietnamTime(2026, 12, 7, 17))

                // Accepted by the authentication middleware: an invalid token would be refused even on /healthz.
                let bearer: HTTPFields = [.authorization: "Bearer " + token]
                #expect(try await get(client, "/healthz", headers: bearer).status == .ok)
                #expect(try await get(client, "/healthz", headers: [.authorization: "Bearer c1.forged.token"]).status == .unauthorized)
                // A citizen is no official: the officials' profile is forbidden, and says why.
                let me = try await get(client, "/api/v1/me", headers: bearer)
                #expect(me.status == .forbidden)
                #expect(me.body.contains("'getMe' is for: officials"))

                // The callback is single use.
                #expect(try await get(client, callback, headers: [.cookie: cookie]).status == .badRequest)

                // Signing out ends the citizen's session: the token stops working at once.
                let signOut = try await client.execute(uri: "/api/v1/auth/sign-out", method: .post, headers: bearer) { $0.status }
                #expect(signOut == .noContent)
                #expect(try await get(client, "/api/v1/citizen/me", headers: bearer).status == .unauthorized)
            }
        }
    }

    @Test("A callback whose state does not match the browser's cookie is refused with 400 and a bilingual message")
    func wrongState() async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            try await withApp(.sqlite, eid: sandbox.relyingParty) { client, _ in
                let (callback, cookie) = try await signIn(client, returnTo: "/citizen", citizenID: person.citizenID.value)
                let otherBrowser = try await get(client, callback, headers: [.cookie: "motcua_eid_state=someone-else"])
                #expect(otherBrowser.status == .badRequest)
                #expect(otherBrowser.body.contains("Phiên đăng nhập không khớp") && otherBrowser.body.contains("does not match"))
                #expect(try await get(client, callback).status == .badRequest)
                // The genuine browser can still finish: a forged callback does not consume the sign-in.
                #expect(try await get(client, callback, headers: [.cookie: cookie]).status == .found)
            }
        }
    }

    @Test("An error the provider sends back is shown on a 400 page")
    func providerError() async throws {
        try await EIDSandbox.run { sandbox in
            try await withApp(.sqlite, eid: sandbox.relyingParty) { client, _ in
                let start = try await get(client, "/auth/eid/start")
                let authorizationURL = try #require(start.headers[.location])
                let state = try #require(Browser.query(authorizationURL)["state"])
                let page = try await get(
                    client, "/auth/eid/callback?error=access_denied&error_description=cancelled&state=" + state,
                    headers: [.cookie: "motcua_eid_state=" + state])
                #expect(page.status == .badRequest)
                #expect(page.body.contains("access_denied") && page.body.contains("VNeID từ chối"))
            }
        }
    }

    @Test("return_to keeps only paths on this site; anything else becomes /citizen")
    func returnPaths() {
        #expect(EIDLoginRoutes.safeReturnPath("/citizen/dossiers?tab=open") == "/citizen/dossiers?tab=open")
        for unsafe in [nil, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "citizen", "/a#b", "/a\nb"] {
            #expect(EIDLoginRoutes.safeReturnPath(unsafe) == "/citizen", "\(unsafe ?? "nil")")
        }
    }

    @Test("The middleware puts a citizen token's citizen and an official token's official in the context, never both")
    func middlewareContext() async throws {
        let now = vietnamTime(2026, 12, 7, 9)
        let citizenID = try EIDFixtures.adult().citizenID
        try await TestDatabase.sqlite.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let sessions = SQLSessionRepository(store: store)
            let officials = SQLOfficialRepository(store: store)
            let official = Official(id: "o-1", username: "o-1", fullName: "Cán bộ", role: .receptionOfficer, agencyID: "a-1", passwordHash: "-")
            try await officials.create(official)
            let keys = try await TokenKeys.load([KeyFile(path: "test", key: Data(repeating: 7, count: 32))])
            let issuer = SessionIssuer(keys: keys, sessions: sessions, lifetime: 3600, now: { now })
            let gate = SessionGate(sessions: sessions, officials: officials, idleTimeout: 1800, checkInterval: 5)
            let router = Router(context: AppRequestContext.self)
            router.add(middleware: AuthenticationMiddleware(keys: keys, gate: gate, now: { now }))
            router.get("/whoami") { _, context in
                "\(context.principal?.officialID ?? "-") \(context.citizen.map { "\($0.citizenID.value) \($0.fullName) \($0.assuranceLevel)" } ?? "-")"
            }
            let citizenToken = try await issuer.issue(
                citizen: CitizenPrincipal(citizenID: citizenID, fullName: "Nguye\u{0302}\u{0303}n Thị Hoa", assuranceLevel: 1)).token
            let officialToken = try await issuer.issue(official: official).token
            let expired = try await SessionIssuer(keys: keys, sessions: sessions, lifetime: -1, now: { now })
                .issue(citizen: CitizenPrincipal(citizenID: citizenID, fullName: "Hoa", assuranceLevel: 2)).token
            // The official's claims re-labelled as a citizen's: the type is under the signature.
            let parts = officialToken.split(separator: ".")
            let payload = String(decoding: Base64URL.decode(String(parts[1]))!, as: UTF8.self)
                .replacingOccurrences(of: #""typ":"official""#, with: #""typ":"citizen""#)
            let relabelled = parts[0] + "." + Base64URL.encode(Data(payload.utf8)) + "." + parts[2]
            // The same claims, "signed" with the `none` algorithm: the key's own algorithm decides, not the header.
            let unsigned = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
            try await Application(router: router).test(.router) { client in
                func whoami(_ token: String) async throws -> (HTTPResponse.Status, String) {
                    try await client.execute(uri: "/whoami", method: .get, headers: [.authorization: "Bearer " + token]) {
                        ($0.status, String(buffer: $0.body))
                    }
                }
                let asCitizen = try await whoami(citizenToken)
                #expect(asCitizen.0 == .ok && asCitizen.1 == "- \(citizenID.value) Nguyễn Thị Hoa 1")
                let asOfficial = try await whoami(officialToken)
                #expect(asOfficial.0 == .ok && asOfficial.1 == "o-1 -")
                #expect(try await whoami(expired).0 == .unauthorized)
                #expect(try await whoami(String(relabelled)).0 == .unauthorized)
                #expect(try await whoami(String(unsigned)).0 == .unauthorized)
            }
        }
    }
}
