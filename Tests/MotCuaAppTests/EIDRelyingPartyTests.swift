import AsyncHTTPClient
import Foundation
import Hummingbird
import JWTKit
import MotCuaDomain
import MotCuaIntegrations
import NIOCore
import Synchronization
import Testing

/// A provider the test controls: it publishes one key and answers the token endpoint with whatever ID
/// token the test made, so the relying party's checks can be tried one at a time.
private final class ScriptedProvider: Sendable {
    let published = ES256PrivateKey()
    let kid = "scripted-1"
    private let nextToken = Mutex<String?>(nil)

    func answer(_ token: String) { nextToken.withLock { $0 = token } }

    func router(issuer: String) throws -> Router<BasicRequestContext> {
        let parameters = try #require(published.parameters)
        let jwks = JWKS(keys: [JWK.ecdsa(.es256, identifier: JWKIdentifier(string: kid), x: parameters.x, y: parameters.y, curve: .p256)])
        let router = Router()
        router.get("eid/.well-known/openid-configuration") { _, _ in
            Self.json(["issuer": issuer, "token_endpoint": issuer + "/token", "jwks_uri": issuer + "/jwks"])
        }
        router.get("eid/jwks") { _, _ in Self.json(jwks) }
        router.post("eid/token") { [self] _, _ in Self.json(["id_token": nextToken.withLock { $0 } ?? "", "token_type": "Bearer"]) }
        return router
    }

    private static func json(_ value: some Encodable) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try! JSONEncoder().encode(value))))
    }
}

/// ID token claims as a test wants them, right or wrong.
private struct Claims: JWTPayload {
    var iss: String
    var sub: String
    var aud: [String]
    var iat: Int
    var exp: Int
    var nonce: String
    var name: String
    var acr: String

    func verify(using algorithm: some JWTAlgorithm) throws {}
}

@Suite("EID relying party rejects ID tokens that fail a check")
struct EIDRelyingPartyTests {
    /// Signs `edit(claims)` with `key` under the published kid and runs `complete` against the scripted provider.
    private func complete(signingWith key: ES256PrivateKey? = nil, _ edit: (inout Claims) -> Void) async throws -> Result<EIDIdentity, EIDError> {
        let provider = ScriptedProvider()
        let person = try EIDFixtures.adult()
        var outcome: Result<EIDIdentity, EIDError>?
        try await withLiveServer({ base in try provider.router(issuer: base + "/eid") }) { base in
            let clock = TestClock(EIDFixtures.start)
            let relyingParty = EIDRelyingParty(
                issuer: base + "/eid", clientID: "motcua", redirectURI: EIDSandbox.redirectURI, httpClient: .shared, now: { clock.now() })
            let request = relyingParty.begin()
            let now = Int(EIDFixtures.start.timeIntervalSince1970)
            var claims = Claims(
                iss: base + "/eid", sub: person.citizenID.value, aud: ["motcua"], iat: now, exp: now + 600, nonce: request.nonce,
                name: person.fullName, acr: "urn:vn:eid:ial:2")
            edit(&claims)
            let keys = JWTKeyCollection()
            await keys.add(ecdsa: key ?? provider.published, kid: JWKIdentifier(string: provider.kid))
            provider.answer(try await keys.sign(claims, kid: JWKIdentifier(string: provider.kid)))
            do throws(EIDError) {
                outcome = .success(try await relyingParty.complete(code: "any", request: request))
            } catch {
                outcome = .failure(error)
            }
        }
        return try #require(outcome)
    }

    @Test("A well-formed token from the published key is accepted")
    func control() async throws {
        let identity = try await complete { _ in }.get()
        #expect(identity.citizenID == (try EIDFixtures.adult()).citizenID)
        #expect(identity.assuranceLevel == .verified)
    }

    @Test("A token signed by another P-256 key under the provider's kid is rejected as a bad signature")
    func forgedSignature() async throws {
        let outcome = try await complete(signingWith: ES256PrivateKey()) { _ in }
        #expect(outcome.failure == .tokenRejected(.badSignature))
    }

    @Test("Wrong audience, wrong issuer, expiry, future iat, other nonce, bad subject or unknown acr are each rejected")
    func claimChecks() async throws {
        let cases: [(EIDTokenRejection, (inout Claims) -> Void)] = [
            (.wrongAudience, { $0.aud = ["another-client"] }),
            (.wrongIssuer, { $0.iss = "https://vneid.example/eid" }),
            (.expired, { $0.exp = $0.iat - 120 }),
            (.issuedInFuture, { $0.iat += 300; $0.exp += 300 }),
            (.nonceMismatch, { $0.nonce = "replayed" }),
            (.invalidSubject, { $0.sub = "12345" }),
            (.unknownAssuranceLevel, { $0.acr = "urn:vn:eid:ial:3" }),
        ]
        for (rejection, edit) in cases {
            let outcome = try await complete(edit)
            #expect(outcome.failure == .tokenRejected(rejection))
        }
    }

    @Test("An unreachable provider is a provider fault, not the citizen's")
    func unreachable() async throws {
        let relyingParty = EIDRelyingParty(issuer: "http://127.0.0.1:9/eid", clientID: "motcua", redirectURI: EIDSandbox.redirectURI, httpClient: .shared,
            timeout: .milliseconds(500))
        do {
            _ = try await relyingParty.complete(code: "any", request: relyingParty.begin())
            Issue.record("completed without a provider")
        } catch {
            #expect(error.isProviderFault)
        }
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
