import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import MotCuaDomain
import NIOCore

/// The platform's side of a national e-ID sign-in (OpenID Connect authorization-code flow with PKCE).
///
/// `begin()` makes the secrets of one sign-in and the address to send the browser to; `complete` redeems
/// the code the provider sent back and accepts only an ID token that is signed with the provider's
/// published ES256 key and was issued by the configured issuer, for this client, for this sign-in, and now.
public final class EIDRelyingParty: Sendable {
    /// The provider's issuer identifier, also the base of its endpoints (`/authorize`, `/.well-known/openid-configuration`).
    public let issuer: String
    public let clientID: String
    public let redirectURI: String
    let httpClient: HTTPClient
    let now: @Sendable () -> Date
    /// For each call to the provider, connection included.
    let timeout: TimeAmount
    let cache = EIDProviderCache()

    /// Tolerated clock difference with the provider for `iat` and `exp`.
    static let clockSkew: TimeInterval = 60
    static let keyRefetchInterval: TimeInterval = 30

    /// - Parameters:
    ///   - issuer: the provider's issuer, e.g. `http://127.0.0.1:8081/eid`.
    ///   - redirectURI: where the provider sends the browser back, registered with the provider.
    ///   - httpClient: the client for the token endpoint, discovery and JWKS; the caller owns its lifecycle.
    ///   - now: the clock for token expiry checks.
    ///   - timeout: for each call to the provider; AsyncHTTPClient keeps retrying a refused connection until then.
    public init(
        issuer: String, clientID: String, redirectURI: String, httpClient: HTTPClient,
        now: @escaping @Sendable () -> Date = { Date() }, timeout: TimeAmount = .seconds(10)
    ) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.httpClient = httpClient
        self.now = now
        self.timeout = timeout
    }

    /// Starts a sign-in: fresh state, nonce and PKCE verifier, and the provider's authorize URL.
    public func begin() -> EIDAuthorizationRequest {
        let state = Base64URL.randomToken(bytes: 16)
        let nonce = Base64URL.randomToken(bytes: 16)
        // 32 bytes make a 43-character verifier, the minimum RFC 7636 allows, with 256 bits of entropy.
        let verifier = Base64URL.randomToken(bytes: 32)
        let query = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", "openid profile"),
            ("state", state), ("nonce", nonce), ("code_challenge", Self.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ].map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }.joined(separator: "&")
        return EIDAuthorizationRequest(
            state: state, nonce: nonce, codeVerifier: verifier, authorizationURL: issuer + "/authorize?" + query)
    }

    /// Redeems the code the provider returned for `request` and verifies the ID token.
    public func complete(code: String, request: EIDAuthorizationRequest) async throws(EIDError) -> EIDIdentity {
        let metadata = try await providerMetadata()
        let idToken = try await exchange(code: code, verifier: request.codeVerifier, at: metadata.tokenEndpoint)
        return try await verify(idToken, nonce: request.nonce, jwksURI: metadata.jwksURI)
    }

    /// Checks the ID token's header, signature and claims, in that order.
    func verify(_ idToken: String, nonce: String, jwksURI: String) async throws(EIDError) -> EIDIdentity {
        let segments = idToken.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let headerData = Base64URL.decode(String(segments[0])),
            let header = try? JSONDecoder().decode(EIDTokenHeader.self, from: headerData)
        else { throw .tokenRejected(.malformed) }
        guard header.alg == "ES256" else { throw .tokenRejected(.unsupportedAlgorithm) }
        guard let kid = header.kid else { throw .tokenRejected(.unknownKey) }
        let keys = try await verificationKeys(holding: kid, jwksURI: jwksURI)
        let claims: EIDTokenClaims
        do {
            claims = try await keys.verify(idToken, as: EIDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .tokenRejected(.badSignature)
        } catch {
            throw .tokenRejected(.malformed)
        }
        return try identity(from: claims, nonce: nonce)
    }

    private func identity(from claims: EIDTokenClaims, nonce: String) throws(EIDError) -> EIDIdentity {
        let instant = now()
        guard claims.iss == issuer else { throw .tokenRejected(.wrongIssuer) }
        guard let audience = claims.aud?.value, audience.contains(clientID) else { throw .tokenRejected(.wrongAudience) }
        guard let expiry = claims.exp?.value, expiry.addingTimeInterval(Self.clockSkew) > instant else {
            throw .tokenRejected(.expired)
        }
        guard let issuedAt = claims.iat?.value, issuedAt <= instant.addingTimeInterval(Self.clockSkew) else {
            throw .tokenRejected(.issuedInFuture)
        }
        guard claims.nonce == nonce else { throw .tokenRejected(.nonceMismatch) }
        guard let subject = claims.sub, let citizenID = try? CitizenID(subject) else { throw .tokenRejected(.invalidSubject) }
        guard let level = claims.acr.flatMap(EIDAssuranceLevel.init(acr:)) else { throw .tokenRejected(.unknownAssuranceLevel) }
        guard let name = claims.name?.precomposedStringWithCanonicalMapping, !name.isEmpty else {
            throw .tokenRejected(.missingName)
        }
        return EIDIdentity(citizenID: citizenID, fullName: name, assuranceLevel: level)
    }

    static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Percent-encodes all but RFC 3986 unreserved characters, for queries and form bodies alike.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
