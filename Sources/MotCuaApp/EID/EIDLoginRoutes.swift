import Foundation
import HTTPTypes
import Hummingbird
import MotCuaDomain
import MotCuaIntegrations
import NIOCore

/// Citizen sign-in through the national e-ID, outside the OpenAPI contract because it is a browser flow:
///
/// - `GET /auth/eid/start?return_to=/path` remembers the sign-in, binds it to the browser with the
///   `motcua_eid_state` cookie and redirects to the provider.
/// - `GET /auth/eid/callback?code&state` checks the state against the cookie, redeems the code, issues a
///   citizen token and redirects to `return_to` with `#token=…&expires_at=…`; the fragment never reaches a
///   server log.
struct EIDLoginRoutes: Sendable {
    let relyingParty: EIDRelyingParty
    let issuer: SessionIssuer
    let now: @Sendable () -> Date
    let pending = EIDPendingLogins()

    static let stateCookie = "motcua_eid_state"
    static let defaultReturnPath = "/citizen"

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("auth/eid")
        group.get("start") { request, _ in start(request) }
        group.get("callback") { request, _ in try await callback(request) }
    }

    func start(_ request: Request) -> Response {
        let returnTo = Self.safeReturnPath(request.uri.queryParameters.get("return_to"))
        let authorization = relyingParty.begin()
        pending.insert(authorization, returnTo: returnTo, now: now())
        var response = Response(status: .found, headers: [.location: authorization.authorizationURL, .cacheControl: "no-store"])
        response.setCookie(stateCookie(value: authorization.state, maxAge: Int(EIDPendingLogins.lifetime)))
        return response
    }

    func callback(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let state = query.get("state"), !state.isEmpty, request.cookies[Self.stateCookie]?.value == state,
            let login = pending.take(state: state, now: now())
        else {
            return failure(
                .badRequest,
                "Phiên đăng nhập không khớp hoặc đã hết hạn / the sign-in session does not match this browser or has expired")
        }
        if let error = query.get("error") {
            let description = query.get("error_description").map { ": " + $0 } ?? ""
            return failure(.badRequest, "VNeID từ chối yêu cầu đăng nhập / the e-ID provider refused the sign-in (\(error)\(description))")
        }
        guard let code = query.get("code"), !code.isEmpty else {
            return failure(.badRequest, "Thiếu mã xác thực / the provider sent no authorization code")
        }
        let identity: EIDIdentity
        do {
            identity = try await relyingParty.complete(code: code, request: login.request)
        } catch {
            return error.isProviderFault
                ? failure(.badGateway, "Không kết nối được VNeID, vui lòng thử lại sau / the e-ID provider is unavailable; try again later")
                : failure(.badRequest, "Không xác thực được danh tính / the identity could not be verified (\(error))")
        }
        let citizen = CitizenPrincipal(
            citizenID: identity.citizenID, fullName: identity.fullName, assuranceLevel: identity.assuranceLevel.rawValue)
        let (token, expiresAt) = try await issuer.issue(citizen: citizen)
        let fragment = "token=" + token + "&expires_at=" + ISO8601DateFormatter().string(from: expiresAt)
        var response = Response(status: .found, headers: [.location: login.returnTo + "#" + fragment, .cacheControl: "no-store"])
        response.setCookie(stateCookie(value: "", maxAge: 0))
        return response
    }

    /// Only a path on this site, so the sign-in cannot be used to send a citizen's token elsewhere:
    /// `//host` and `/\host` are protocol-relative to browsers, and a fragment would collide with ours.
    static func safeReturnPath(_ candidate: String?) -> String {
        guard let path = candidate, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
            !path.contains("#"), !path.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else { return defaultReturnPath }
        return path
    }

    private func stateCookie(value: String, maxAge: Int) -> Cookie {
        // Lax, not Strict: the provider's redirect back is a cross-site top-level navigation that must carry it.
        Cookie(
            name: Self.stateCookie, value: value, maxAge: maxAge, path: "/auth/eid",
            secure: relyingParty.redirectURI.hasPrefix("https:"), httpOnly: true, sameSite: .lax)
    }

    private func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: EIDLoginPage.failure(message))))
        response.setCookie(stateCookie(value: "", maxAge: 0))
        return response
    }
}
