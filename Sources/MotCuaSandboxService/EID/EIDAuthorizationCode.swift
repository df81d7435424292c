import Foundation
import MotCuaDomain

/// What an authorization code stands for: one sign-in, bound to the client, its redirect URI, the PKCE
/// challenge and the nonce, so that a stolen code is useless to anyone else.
struct EIDAuthorizationCode: Sendable {
    let clientID: String
    let redirectURI: String
    let codeChallenge: String
    let nonce: String
    let subject: CitizenID
    let level: EIDAssuranceLevel
    let expiresAt: Date
}
