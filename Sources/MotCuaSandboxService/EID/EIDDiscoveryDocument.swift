/// OpenID Provider metadata (OpenID Connect Discovery §3), restricted to what the sandbox supports.
struct EIDDiscoveryDocument: Encodable, Sendable {
    let issuer: String
    let authorizationEndpoint: String
    let tokenEndpoint: String
    let jwksURI: String
    let acrValuesSupported: [String]
    let responseTypesSupported = ["code"]
    let grantTypesSupported = ["authorization_code"]
    let subjectTypesSupported = ["public"]
    let scopesSupported = ["openid", "profile"]
    let idTokenSigningAlgValuesSupported = ["ES256"]
    let codeChallengeMethodsSupported = ["S256"]
    // Public clients only: PKCE replaces the client secret.
    let tokenEndpointAuthMethodsSupported = ["none"]
    let claimsSupported = ["iss", "sub", "aud", "iat", "exp", "nonce", "name", "birthdate", "acr"]

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case acrValuesSupported = "acr_values_supported"
        case responseTypesSupported = "response_types_supported"
        case grantTypesSupported = "grant_types_supported"
        case subjectTypesSupported = "subject_types_supported"
        case scopesSupported = "scopes_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case claimsSupported = "claims_supported"
    }
}
