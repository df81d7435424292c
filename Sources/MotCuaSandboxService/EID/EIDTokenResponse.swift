/// A successful token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
struct EIDTokenResponse: Encodable, Sendable {
    let idToken: String
    /// Opaque and unused by the sandbox (it has no userinfo endpoint); present because the specifications
    /// require it, so off-the-shelf OpenID clients accept the response.
    let accessToken: String
    let tokenType = "Bearer"
    let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token"
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}
