/// The part of the provider's discovery document the relying party uses.
struct EIDProviderMetadata: Decodable, Sendable {
    let issuer: String
    let tokenEndpoint: String
    let jwksURI: String

    enum CodingKeys: String, CodingKey {
        case issuer
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
    }
}
