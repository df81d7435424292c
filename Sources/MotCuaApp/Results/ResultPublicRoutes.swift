import Foundation
import Hummingbird
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage
import NIOCore

/// The public routes beside the API for signed results: the verification page a printed QR code opens, and the
/// files offline verification needs (the CA certificate, its CRL and the result revocation list). No sign-in.
struct ResultPublicRoutes {
    let service: ResultService
    let api: APIImplementation
    let limiter: VerificationRateLimiter

    /// The page's own policy: its styles are inline, it loads nothing else.
    static let pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    func add(to router: Router<AppRequestContext>) {
        router.get("/verify/:id") { request, context -> Response in
            try limiter.admit(context.remoteAddress)
            let id = context.parameters.get("id") ?? ""
            let stored = try await service.verify(id: id)
            if request.headers[.accept]?.contains("application/json") == true {
                guard let stored else { throw Problem.notFound("Không tìm thấy kết quả / no such result; status: unknown") }
                let data = try JSONEncoder().encode(api.report(stored, signatureChecked: false))
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            let html = VerifyPage(id: id, report: stored.map { api.report($0, signatureChecked: false) }).render()
            return Response(
                status: stored == nil ? .notFound : .ok,
                headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.pagePolicy, .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("/ca.pem") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/x-pem-file", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: try service.signing.authority.certificatePEM)))
        }
        router.get("/crl.pem") { _, _ -> Response in
            let list = try await service.signing.revocationList(now: service.now())
            return Response(
                status: .ok, headers: [.contentType: "application/x-pem-file", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: list.pemString)))
        }
        router.get("/revocations.json") { _, _ -> Response in
            let list = try ResultRevocationList(
                issuer: service.signing.issuerName, revocations: try await service.results.revocations(),
                generatedAt: service.now())
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: list.jsonBytes)))
        }
    }
}
