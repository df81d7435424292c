import JWTKit

/// The claims the relying party reads from an ID token. Every field is optional so a missing claim is
/// reported as the precise rejection rather than as an undecodable token.
struct EIDTokenClaims: JWTPayload {
    let iss: String?
    let sub: String?
    let aud: AudienceClaim?
    let iat: IssuedAtClaim?
    let exp: ExpirationClaim?
    let nonce: String?
    let name: String?
    let acr: String?

    // jwt-kit checks only the signature; EIDRelyingParty checks the claims against its injected clock and names the failure.
    func verify(using algorithm: some JWTAlgorithm) throws {}
}

/// The JOSE header fields that decide which key and algorithm verify a token.
struct EIDTokenHeader: Decodable {
    let alg: String?
    let kid: String?
}
