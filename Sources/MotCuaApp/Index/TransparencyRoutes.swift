import Foundation
import Hummingbird
import NIOCore

/// The public transparency page beside the API, without sign-in, limited per client address like `/verify`.
struct TransparencyRoutes {
    let service: IndexService

    /// Inline styles, a same-origin form; nothing loaded from elsewhere, no script.
    static let pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    func add(to router: Router<AppRequestContext>) {
        for path in ["/minh-bach", "/transparency"] {
            router.get(RouterPath(path)) { request, context -> Response in
                try service.publicLimiter.admit(context.remoteAddress)
                let period = try APIImplementation.indexPeriod(
                    period: request.uri.queryParameters.get("period"), from: nil, to: nil, now: service.now())
                let figures = try await PublicIndexFigures.compute(service, period: period)
                let html = TransparencyPage(figures: figures, configuration: service.configuration).render()
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.pagePolicy, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: html)))
            }
        }
    }
}
