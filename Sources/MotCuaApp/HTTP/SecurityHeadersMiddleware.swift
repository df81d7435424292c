import HTTPTypes
import Hummingbird

/// Hardening headers on every answer, errors included: no MIME sniffing, no referrer, no framing, a
/// content-security policy for anything that does not bring its own (the web pages do), `no-store` on API
/// answers that may carry personal data, and HSTS when the platform is published over HTTPS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Whether browsers reach the platform over HTTPS (`MOTCUA_PUBLIC_URL` starts with `https:`).
    let strictTransportSecurity: Bool

    /// JSON, problem details and the e-ID pages load nothing: the strictest policy fits them.
    static let defaultPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let strictTransportSecurityName = HTTPField.Name("Strict-Transport-Security")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    /// API paths that answer the same public reference data to everyone: the catalogue and agencies.
    static let publicReferencePrefixes = ["/api/v1/procedures", "/api/v1/agencies"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        apply(to: &response.headers, path: request.uri.path)
        return response
    }

    func apply(to headers: inout HTTPFields, path: String) {
        headers[.xContentTypeOptions] = "nosniff"
        if headers[Self.referrerPolicy] == nil { headers[Self.referrerPolicy] = "no-referrer" }
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = Self.defaultPolicy }
        if headers[Self.frameOptions] == nil { headers[Self.frameOptions] = "DENY" }
        if strictTransportSecurity { headers[Self.strictTransportSecurityName] = "max-age=31536000; includeSubDomains" }
        if path.hasPrefix("/api/"), !Self.publicReferencePrefixes.contains(where: { path.hasPrefix($0) }) {
            headers[.cacheControl] = "no-store"
        }
    }
}
