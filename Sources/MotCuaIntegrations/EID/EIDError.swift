/// Why a sign-in through the national e-ID could not be completed.
///
/// `grantRefused` and `tokenRejected` are the user's (or an attacker's) problem: answer 4xx and let the
/// citizen start again. `providerUnavailable` is the provider's: answer 502 and retry later.
public enum EIDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The token endpoint refused the code with an RFC 6749 error, e.g. `invalid_grant` for a reused,
    /// expired or stolen code or a wrong PKCE verifier.
    case grantRefused(error: String, description: String)
    /// The provider answered with an ID token that failed verification.
    case tokenRejected(EIDTokenRejection)
    /// The provider could not be reached or answered something other than OAuth.
    case providerUnavailable(String)

    /// Whether the fault lies with the provider rather than with the request (502 rather than 4xx).
    public var isProviderFault: Bool {
        if case .providerUnavailable = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .grantRefused(let error, let description): "the e-ID provider refused the code: \(error) (\(description))"
        case .tokenRejected(let reason): "the ID token was rejected: \(reason.rawValue)"
        case .providerUnavailable(let detail): "the e-ID provider is unavailable: \(detail)"
        }
    }
}

/// The check an ID token failed.
public enum EIDTokenRejection: String, Sendable, Hashable, CaseIterable {
    /// Not a compact JWS with the expected claims.
    case malformed
    /// `alg` is not ES256.
    case unsupportedAlgorithm
    /// No key in the provider's JWKS has the token's `kid`, even after a refetch.
    case unknownKey
    /// The signature does not verify with the provider's key.
    case badSignature
    case wrongIssuer
    /// `aud` does not name this client.
    case wrongAudience
    case expired
    /// `iat` is later than now, beyond the allowed clock skew.
    case issuedInFuture
    /// `nonce` is not the one this sign-in sent.
    case nonceMismatch
    /// `sub` is not a valid 12-digit citizen ID.
    case invalidSubject
    /// `acr` is neither `urn:vn:eid:ial:1` nor `urn:vn:eid:ial:2`.
    case unknownAssuranceLevel
    /// `name` is missing or empty.
    case missingName
}
