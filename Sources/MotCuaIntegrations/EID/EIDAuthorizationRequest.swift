import Foundation

/// One sign-in in progress: the secrets the relying party keeps until the provider sends the browser
/// back, and the address that starts the sign-in at the provider.
public struct EIDAuthorizationRequest: Sendable, Hashable {
    /// Sent to the provider and echoed back; ties the callback to this request (CSRF defence).
    public let state: String
    /// Sent to the provider and expected in the ID token; ties the token to this request (replay defence).
    public let nonce: String
    /// The PKCE secret (RFC 7636); only its SHA-256 travels through the browser.
    public let codeVerifier: String
    /// The provider's authorize endpoint with every parameter, for a 302.
    public let authorizationURL: String

    public init(state: String, nonce: String, codeVerifier: String, authorizationURL: String) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.authorizationURL = authorizationURL
    }
}
