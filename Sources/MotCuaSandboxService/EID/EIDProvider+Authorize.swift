import Foundation
import HTTPTypes
import MotCuaDomain
import MotCuaRegistrySandbox

extension EIDProvider {
    /// Checks an authorization request: the client and its redirect URI first (failures there must not
    /// redirect), then the OpenID Connect and PKCE parameters (failures there go back to the client).
    func check(_ parameters: EIDAuthorizationParameters) -> EIDAuthorizationOutcome {
        guard let clientID = parameters.clientID, let client = clients[clientID] else {
            return .refused(message: "Ứng dụng chưa đăng ký với nhà cung cấp định danh / unknown client_id")
        }
        guard let redirectURI = parameters.redirectURI, client.redirectURIs.contains(redirectURI) else {
            return .refused(message: "Địa chỉ chuyển hướng chưa được đăng ký cho ứng dụng này / redirect_uri is not registered for this client")
        }
        // error_description is restricted to ASCII by RFC 6749 §4.1.2.1, hence English only.
        func refuse(_ error: String, _ description: String) -> EIDAuthorizationOutcome {
            .redirectError(
                location: Self.location(redirectURI, ["error": error, "error_description": description, "state": parameters.state]))
        }
        guard parameters.responseType == "code" else {
            return refuse("unsupported_response_type", "response_type must be code")
        }
        guard let scope = parameters.scope, scope.split(separator: " ").contains("openid") else {
            return refuse("invalid_scope", "scope must include openid")
        }
        guard let nonce = parameters.nonce, (1...255).contains(nonce.count) else {
            return refuse("invalid_request", "nonce is required (1 to 255 characters)")
        }
        guard let challenge = parameters.codeChallenge else {
            return refuse("invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256")
        }
        // RFC 7636 makes a missing method mean plain, which this provider refuses like an explicit plain.
        guard parameters.codeChallengeMethod == "S256" else {
            return refuse("invalid_request", "code_challenge_method must be S256")
        }
        guard challenge.count == 43, challenge.unicodeScalars.allSatisfy(Self.base64URLAlphabet.contains) else {
            return refuse("invalid_request", "code_challenge must be BASE64URL(SHA256(code_verifier)), 43 characters")
        }
        return .signIn(parameters)
    }

    /// Signs a citizen in for an accepted request and answers where to send the browser: the client's
    /// redirect URI with a fresh authorization code.
    func signIn(
        _ parameters: EIDAuthorizationParameters, citizenID rawID: String, level rawLevel: String
    ) throws(EIDSignInRefusal) -> String {
        guard let level = Int(rawLevel).flatMap(EIDAssuranceLevel.init(rawValue:)) else {
            throw EIDSignInRefusal(.badRequest, "Mức định danh phải là 1 hoặc 2 / the identity level must be 1 or 2")
        }
        guard let citizenID = try? CitizenID(rawID.trimmingCharacters(in: .whitespaces)) else {
            throw EIDSignInRefusal(
                .badRequest, "Số định danh cá nhân phải gồm 12 chữ số hợp lệ / the citizen ID must be 12 valid digits")
        }
        guard let person = registry.person(id: citizenID) else {
            throw EIDSignInRefusal(
                .unprocessableContent,
                "Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư / no person with this citizen ID in the population register")
        }
        guard person.deceasedOn == nil else {
            throw EIDSignInRefusal(
                .unprocessableContent, "Công dân này đã được ghi nhận là đã mất / this citizen is recorded as deceased")
        }
        let instant = now()
        guard Self.age(of: person.dateOfBirth, on: Self.vietnamDate(of: instant)) >= Self.minimumAge else {
            throw EIDSignInRefusal(
                .unprocessableContent,
                "Công dân dưới 14 tuổi chưa có tài khoản định danh điện tử riêng / citizens under 14 have no e-ID account of their own")
        }
        guard let clientID = parameters.clientID, let redirectURI = parameters.redirectURI,
            let challenge = parameters.codeChallenge, let nonce = parameters.nonce
        else { throw EIDSignInRefusal(.badRequest, "Yêu cầu không hợp lệ / invalid request") }
        // 256 bits: far beyond guessing within the code's 60-second life.
        let code = Base64URL.randomToken(bytes: 32)
        codes.insert(
            EIDAuthorizationCode(
                clientID: clientID, redirectURI: redirectURI, codeChallenge: challenge, nonce: nonce, subject: citizenID,
                level: level, expiresAt: instant.addingTimeInterval(Self.codeLifetime)),
            code: code, now: instant)
        return Self.location(redirectURI, ["code": code, "state": parameters.state])
    }

    /// `base` with the non-nil parameters appended to its query.
    static func location(_ base: String, _ parameters: [String: String?]) -> String {
        let pairs = parameters.compactMap { name, value in value.map { (name: name, value: $0) } }.sorted { $0.name < $1.name }
        return base + (base.contains("?") ? "&" : "?") + FormEncoding.encode(pairs)
    }

    /// The calendar day in Vietnam (UTC+7), where the age of majority rules apply.
    static func vietnamDate(of instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Int(((instant.timeIntervalSince1970 + 7 * 3600) / 86_400).rounded(.down)))
    }

    /// Completed years of life on `day`.
    static func age(of birth: LocalDate, on day: LocalDate) -> Int {
        let beforeBirthday = (day.month, day.day) < (birth.month, birth.day)
        return day.year - birth.year - (beforeBirthday ? 1 : 0)
    }

    static let base64URLAlphabet = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}

/// Why the sign-in form was refused, with a message for the citizen.
struct EIDSignInRefusal: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
