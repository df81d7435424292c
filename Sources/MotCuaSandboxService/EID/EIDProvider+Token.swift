import Crypto
import HTTPTypes
import Foundation
import JWTKit
import MotCuaDomain
import MotCuaRegistrySandbox

extension EIDProvider {
    /// The token endpoint: redeems an authorization code for an ID token.
    ///
    /// The request is checked for shape before the code is touched; after that the code is consumed
    /// whatever the outcome, so a code that leaked cannot be retried with other verifiers.
    func exchange(_ form: [String: String]) async throws(EIDTokenError) -> EIDTokenResponse {
        guard form["grant_type"] == "authorization_code" else {
            throw EIDTokenError("unsupported_grant_type", "grant_type must be authorization_code")
        }
        guard let code = form["code"], let clientID = form["client_id"], let redirectURI = form["redirect_uri"] else {
            throw .invalidRequest("code, client_id and redirect_uri are required")
        }
        guard let verifier = form["code_verifier"] else { throw .invalidRequest("code_verifier is required (PKCE)") }
        guard (43...128).contains(verifier.count), verifier.unicodeScalars.allSatisfy(Self.verifierAlphabet.contains) else {
            throw .invalidRequest("code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]")
        }
        guard let grant = codes.take(code) else { throw .invalidGrant("the code is unknown or was already used") }
        let instant = now()
        guard grant.expiresAt > instant else { throw .invalidGrant("the code has expired") }
        guard grant.clientID == clientID, grant.redirectURI == redirectURI else {
            throw .invalidGrant("the code was issued to another client or redirect_uri")
        }
        guard Self.challenge(for: verifier) == grant.codeChallenge else {
            throw .invalidGrant("code_verifier does not match the code_challenge")
        }
        guard let person = registry.person(id: grant.subject) else { throw .invalidGrant("the subject no longer exists") }
        let issuedAt = Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
        let claims = EIDIDTokenClaims(
            iss: .init(value: issuer), sub: .init(value: grant.subject.value), aud: .init(value: [clientID]),
            iat: .init(value: issuedAt), exp: .init(value: issuedAt.addingTimeInterval(Self.idTokenLifetime)), nonce: grant.nonce,
            name: person.fullName.precomposedStringWithCanonicalMapping, birthdate: person.dateOfBirth.description,
            acr: grant.level.acr)
        do {
            let idToken = try await signingKeys.sign(claims, kid: JWKIdentifier(string: keyID))
            return EIDTokenResponse(
                idToken: idToken, accessToken: Base64URL.randomToken(bytes: 32), expiresIn: Int(Self.idTokenLifetime))
        } catch {
            throw EIDTokenError("server_error", "the ID token could not be signed", status: .internalServerError)
        }
    }

    /// BASE64URL(SHA256(verifier)), the S256 transformation of RFC 7636 §4.2.
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// The code verifier alphabet of RFC 7636 §4.1.
    static let verifierAlphabet = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
