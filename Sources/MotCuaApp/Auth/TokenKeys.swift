import Foundation
import JWTKit
import Synchronization

/// What a bearer token says: which session it belongs to. Officials' role and agency are read from the
/// account on each check, not trusted from the token, so a transfer or a disabled account takes effect at
/// once. A citizen's name and assurance level are what the e-ID provider asserted at sign-in.
struct SessionClaims: JWTPayload {
    enum Kind: String, Codable {
        case official
        case citizen
    }

    var sub: SubjectClaim
    var exp: ExpirationClaim
    var sid: String
    var typ: Kind
    var lvl: Int?
    var name: String?

    // Expiry is checked by the caller against the platform's clock (tests inject one).
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// The token-signing keys (HMAC-SHA256 JWTs with a `kid` header), loaded from files: the first signs, all
/// verify. To rotate without downtime, put a new key file first in `MOTCUA_TOKEN_KEY_FILES`, restart the
/// nodes one by one, and drop the old file once the tokens it signed have expired (the token lifetime).
final class TokenKeys: Sendable {
    private let collection: JWTKeyCollection
    private let signingKID: JWKIdentifier
    /// The identifiers of every key accepted, the signing one first.
    let identifiers: [String]
    /// Tokens already verified, with their claims: a token's bytes fix its claims, so checking its MAC and
    /// decoding its JSON again on every request of a session (2 % of the receipt path's CPU) proves nothing
    /// new. Expiry and the session's validity are still checked by the caller on every request; the keys
    /// never change in a running process. Bounded: emptied when full.
    private let verified = Mutex<[String: SessionClaims]>([:])
    private static let verifiedCapacity = 20_000

    private init(collection: JWTKeyCollection, identifiers: [String]) {
        self.collection = collection
        self.signingKID = JWKIdentifier(string: identifiers[0])
        self.identifiers = identifiers
    }

    static func load(_ keys: [KeyFile]) async throws -> TokenKeys {
        guard !keys.isEmpty else { throw ConfigurationError("MOTCUA_TOKEN_KEY_FILES", "no token-signing key") }
        let collection = JWTKeyCollection()
        for key in keys {
            await collection.add(hmac: HMACKey(from: key.key), digestAlgorithm: .sha256, kid: JWKIdentifier(string: key.identifier))
        }
        return TokenKeys(collection: collection, identifiers: keys.map(\.identifier))
    }

    func sign(_ claims: SessionClaims) async throws -> String {
        try await collection.sign(claims, kid: signingKID)
    }

    /// The claims of a token signed by one of the keys, or nil (forged, damaged, or signed by a key
    /// that has been retired). Expiry is not checked here.
    func verify(_ token: String) async -> SessionClaims? {
        if let known = verified.withLock({ $0[token] }) { return known }
        guard let claims = try? await collection.verify(token, as: SessionClaims.self) else { return nil }
        verified.withLock { cache in
            if cache.count >= Self.verifiedCapacity { cache.removeAll(keepingCapacity: true) }
            cache[token] = claims
        }
        return claims
    }
}
