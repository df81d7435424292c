import Foundation
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import Testing

@Suite("EID sandbox provider and relying party over HTTP")
struct EIDProviderTests {
    @Test("Discovery names the issuer, the endpoints, S256 and ES256; the JWKS holds one P-256 key with a kid")
    func discoveryAndKeys() async throws {
        try await EIDSandbox.run { sandbox in
            let discovery = try await Browser.get(sandbox.issuer + "/.well-known/openid-configuration")
            #expect(discovery.status == 200)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(discovery.body.utf8)) as? [String: Any])
            #expect(document["issuer"] as? String == sandbox.issuer)
            #expect(document["token_endpoint"] as? String == sandbox.issuer + "/token")
            #expect(document["jwks_uri"] as? String == sandbox.issuer + "/jwks")
            #expect(document["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect(document["id_token_signing_alg_values_supported"] as? [String] == ["ES256"])
            #expect(document["acr_values_supported"] as? [String] == ["urn:vn:eid:ial:1", "urn:vn:eid:ial:2"])
            let jwks = try await Browser.get(sandbox.issuer + "/jwks")
            let keys = try #require((try JSONSerialization.jsonObject(with: Data(jwks.body.utf8)) as? [String: Any])?["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            #expect(keys.first?["kty"] as? String == "EC")
            #expect(keys.first?["crv"] as? String == "P-256")
            #expect((keys.first?["kid"] as? String)?.isEmpty == false)
            #expect(keys.first?["d"] == nil)
        }
    }

    @Test("A sign-in at level 2 or 1 yields the register's citizen ID, NFC name and that level", arguments: [EIDAssuranceLevel.verified, .basic])
    func happyPath(level: EIDAssuranceLevel) async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            let relyingParty = sandbox.relyingParty
            let request = relyingParty.begin()
            #expect(request.codeVerifier.count >= 43)
            #expect(request.authorizationURL.hasPrefix(sandbox.issuer + "/authorize?"))
            let signInPage = try await Browser.get(request.authorizationURL)
            #expect(signInPage.status == 200)
            #expect(signInPage.body.contains("Số định danh cá nhân") && signInPage.body.contains("citizen ID"))
            #expect(signInPage.body.contains(request.state))
            let code = try await sandbox.authorize(request, citizenID: person.citizenID.value, level: level.rawValue)
            let identity = try await relyingParty.complete(code: code, request: request)
            #expect(identity.citizenID == person.citizenID)
            #expect(identity.fullName == person.fullName.precomposedStringWithCanonicalMapping)
            #expect(identity.assuranceLevel == level)
        }
    }

    @Test("A code redeemed with another PKCE verifier is refused with invalid_grant")
    func verifierMismatch() async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            let relyingParty = sandbox.relyingParty
            let request = relyingParty.begin()
            let code = try await sandbox.authorize(request, citizenID: person.citizenID.value)
            let other = relyingParty.begin()
            let tampered = EIDAuthorizationRequest(
                state: request.state, nonce: request.nonce, codeVerifier: other.codeVerifier, authorizationURL: request.authorizationURL)
            await #expect(throws: EIDError.grantRefused(error: "invalid_grant", description: "code_verifier does not match the code_challenge")) {
                try await relyingParty.complete(code: code, request: tampered)
            }
        }
    }

    @Test("A code works once; its replay is refused with invalid_grant")
    func replay() async throws {
        try await redeemTwice(after: 0, secondAttempt: "the code is unknown or was already used")
    }

    @Test("A code redeemed after its 60 seconds is refused with invalid_grant")
    func expiredCode() async throws {
        try await redeemTwice(after: 61, secondAttempt: "the code has expired", redeemFirst: false)
    }

    /// Signs in, optionally redeems the code, moves the provider's clock and expects the next redemption to fail.
    private func redeemTwice(after seconds: TimeInterval, secondAttempt description: String, redeemFirst: Bool = true) async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            let relyingParty = sandbox.relyingParty
            let request = relyingParty.begin()
            let code = try await sandbox.authorize(request, citizenID: person.citizenID.value)
            if redeemFirst { _ = try await relyingParty.complete(code: code, request: request) }
            sandbox.clock.set(EIDFixtures.start.addingTimeInterval(seconds))
            await #expect(throws: EIDError.grantRefused(error: "invalid_grant", description: description)) {
                try await relyingParty.complete(code: code, request: request)
            }
        }
    }

    @Test("An ID token verified after its expiry, or with another nonce, is rejected")
    func expiredTokenAndNonce() async throws {
        let person = try EIDFixtures.adult()
        try await EIDSandbox.run { sandbox in
            let relyingParty = sandbox.relyingParty
            let late = relyingParty.begin()
            let lateCode = try await sandbox.authorize(late, citizenID: person.citizenID.value)
            // 10 minutes of validity plus the 60 seconds of tolerated skew, and one more.
            sandbox.relyingPartyClock.set(EIDFixtures.start.addingTimeInterval(11 * 60 + 1))
            await #expect(throws: EIDError.tokenRejected(.expired)) { try await relyingParty.complete(code: lateCode, request: late) }

            sandbox.relyingPartyClock.set(EIDFixtures.start)
            let request = relyingParty.begin()
            let code = try await sandbox.authorize(request, citizenID: person.citizenID.value)
            let otherNonce = EIDAuthorizationRequest(
                state: request.state, nonce: relyingParty.begin().nonce, codeVerifier: request.codeVerifier,
                authorizationURL: request.authorizationURL)
            await #expect(throws: EIDError.tokenRejected(.nonceMismatch)) { try await relyingParty.complete(code: code, request: otherNonce) }
        }
    }

    @Test("Unknown, deceased and under-14 citizens get a 4xx sign-in page with the reason, and no code")
    func ineligibleCitizens() async throws {
        let people = EIDFixtures.people
        let deceased = try #require(people.first { $0.deceasedOn != nil })
        let child = try #require(people.first { $0.deceasedOn == nil && EIDFixtures.age($0) < 13 })
        let unknown = try #require(
            (0..<1_000).lazy.map { String(format: "027090%06d", $0) }.first { id in
                (try? CitizenID(id)).map { EIDFixtures.registry.person(id: $0) == nil } ?? false
            })
        let cases: [(String, Int, String)] = [
            (unknown, 422, "population register"), (deceased.citizenID.value, 422, "deceased"), (child.citizenID.value, 422, "under 14"),
            ("12345", 400, "12 valid digits"),
        ]
        try await EIDSandbox.run { sandbox in
            let request = sandbox.relyingParty.begin()
            for (citizenID, status, reason) in cases {
                let page = try await Browser.signIn(request.authorizationURL, citizenID: citizenID)
                #expect(page.status == status, "\(citizenID)")
                #expect(page.location == nil)
                #expect(page.body.contains(reason), "\(citizenID)")
                #expect(page.body.contains("<form"), "the form is shown again")
            }
        }
    }

    @Test("An unknown client or an unregistered redirect URI gets a 400 page and is never redirected to")
    func unregisteredRedirect() async throws {
        try await EIDSandbox.run { sandbox in
            let request = sandbox.relyingParty.begin()
            let evil = request.authorizationURL.replacingOccurrences(
                of: "redirect_uri=http%3A%2F%2F127.0.0.1%3A8080", with: "redirect_uri=https%3A%2F%2Fevil.example")
            #expect(evil != request.authorizationURL)
            let unknownClient = request.authorizationURL.replacingOccurrences(of: "client_id=motcua", with: "client_id=other")
            for url in [evil, unknownClient] {
                let page = try await Browser.get(url)
                #expect(page.status == 400)
                #expect(page.location == nil)
                let posted = try await Browser.signIn(url, citizenID: try EIDFixtures.adult().citizenID.value)
                #expect(posted.status == 400)
                #expect(posted.location == nil)
            }
        }
    }

    @Test("Bad OpenID or PKCE parameters go back to the client as an OAuth error with the state")
    func badParametersRedirectWithError() async throws {
        try await EIDSandbox.run { sandbox in
            let request = sandbox.relyingParty.begin()
            let challenge = try #require(Browser.query(request.authorizationURL)["code_challenge"])
            let edits: [(String, String, String)] = [
                ("code_challenge_method=S256", "code_challenge_method=plain", "invalid_request"),
                ("&code_challenge=" + challenge, "", "invalid_request"),
                ("&nonce=" + request.nonce, "", "invalid_request"),
                ("response_type=code", "response_type=token", "unsupported_response_type"),
                ("scope=openid%20profile", "scope=profile", "invalid_scope"),
            ]
            for (original, replacement, error) in edits {
                let url = request.authorizationURL.replacingOccurrences(of: original, with: replacement)
                #expect(url != request.authorizationURL, "\(original)")
                let page = try await Browser.get(url)
                #expect(page.status == 302, "\(original)")
                let location = try #require(page.location)
                #expect(location.hasPrefix(EIDSandbox.redirectURI + "?"))
                let query = Browser.query(location)
                #expect(query["error"] == error, "\(original)")
                #expect(query["error_description"]?.isEmpty == false)
                #expect(query["state"] == request.state)
                #expect(query["code"] == nil)
            }
        }
    }
}
