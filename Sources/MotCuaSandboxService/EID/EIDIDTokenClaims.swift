import JWTKit

/// The claims of an ID token the sandbox provider signs (see ``EIDProvider`` for their meaning).
struct EIDIDTokenClaims: JWTPayload {
    let iss: IssuerClaim
    let sub: SubjectClaim
    let aud: AudienceClaim
    let iat: IssuedAtClaim
    let exp: ExpirationClaim
    let nonce: String
    let name: String
    let birthdate: String
    let acr: String

    // The provider only signs; relying parties verify against their own clock.
    func verify(using algorithm: some JWTAlgorithm) throws {}
}
