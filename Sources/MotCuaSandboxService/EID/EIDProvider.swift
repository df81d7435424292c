import Foundation
import JWTKit
import MotCuaDomain
import MotCuaRegistrySandbox

/// The sandbox national e-ID provider (plays VNeID): OpenID Connect authorization-code flow with PKCE
/// (S256 only) for registered public clients, signing ID tokens with ES256.
///
/// The signing key is a P-256 key generated when the provider starts, so tokens from a previous run are
/// rejected by design; relying parties fetch the key from the JWKS endpoint. A citizen signs in by citizen ID
/// alone, since this is a sandbox: the register decides whether that person may hold an e-ID account.
///
/// ID token claims: `iss`, `sub` (the 12-digit citizen ID), `aud` (the client ID), `iat`, `exp` (10 minutes),
/// `nonce`, `name` (NFC, from the register), `birthdate` (`yyyy-MM-dd`) and `acr`, the assurance level:
/// `urn:vn:eid:ial:1` or `urn:vn:eid:ial:2` (``EIDAssuranceLevel``).
public final class EIDProvider: Sendable {
    /// The issuer identifier: the public base URL of the `/eid` routes, without a trailing slash.
    public let issuer: String
    /// The `kid` of the signing key, as published in the JWKS.
    public let keyID: String
    let clients: [String: EIDClient]
    let registry: NationalRegistry
    let now: @Sendable () -> Date
    let codes = EIDAuthorizationCodeStore()
    let signingKeys: JWTKeyCollection
    let publicKey: JWK

    /// How long an authorization code may wait for its redemption.
    static let codeLifetime: TimeInterval = 60
    static let idTokenLifetime: TimeInterval = 10 * 60
    /// The youngest age at which a citizen holds an e-ID account of their own.
    static let minimumAge = 14

    /// - Parameters:
    ///   - issuer: the public base URL the provider names as issuer, e.g. `http://127.0.0.1:8081/eid`.
    ///   - clients: the relying parties allowed to ask for a sign-in.
    ///   - registry: the population register that decides who may sign in.
    ///   - now: the clock; tests move it to expire codes.
    public init(
        issuer: String, clients: [EIDClient], registry: NationalRegistry, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.clients = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.registry = registry
        self.now = now
        let key = ES256PrivateKey()
        guard let parameters = key.parameters else { throw EIDProviderError.keyGeneration }
        // A random kid, so a relying party that cached the previous run's key notices the rotation and refetches.
        keyID = "sandbox-" + Base64URL.randomToken(bytes: 9)
        publicKey = JWK.ecdsa(.es256, identifier: JWKIdentifier(string: keyID), x: parameters.x, y: parameters.y, curve: .p256)
        signingKeys = JWTKeyCollection()
        await signingKeys.add(ecdsa: key, kid: JWKIdentifier(string: keyID))
    }

    /// The public signing key set served at `/jwks`.
    public var jwks: JWKS { JWKS(keys: [publicKey]) }

    /// The discovery document served at `/.well-known/openid-configuration`.
    var discovery: EIDDiscoveryDocument {
        EIDDiscoveryDocument(
            issuer: issuer, authorizationEndpoint: issuer + "/authorize", tokenEndpoint: issuer + "/token",
            jwksURI: issuer + "/jwks", acrValuesSupported: EIDAssuranceLevel.allCases.map(\.acr))
    }
}

/// The provider could not start.
enum EIDProviderError: Error, CustomStringConvertible {
    case keyGeneration

    var description: String { "the P-256 signing key exposes no public parameters" }
}
