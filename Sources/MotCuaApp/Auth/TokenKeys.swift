import Foundation
import JWTKit

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
        try? await collection.verify(token, as: SessionClaims.self)
    }
}
