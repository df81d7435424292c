import Hummingbird
import NIOCore

/// Per-request data: the authenticated caller, if any: an official (`principal`) or a citizen (`citizen`),
/// never both.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var citizen: CitizenPrincipal?
    /// The session of the bearer token, for sign-out.
    var sessionID: String?
    /// The client's socket address; formatted only by the operations that rate-limit by it.
    let peer: SocketAddress?

    /// The client's address as a trusted proxy reported it (``ClientAddressMiddleware``).
    var forwardedClient: String?

    /// The client's address, for rate limits on anonymous operations: the socket peer's, or behind a trusted
    /// reverse proxy the address it served.
    public var remoteAddress: String? { forwardedClient ?? peer?.ipAddress }

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.citizen = nil
        self.sessionID = nil
        self.peer = source.channel.remoteAddress
        self.forwardedClient = nil
    }

    /// Generated OpenAPI handlers do not receive the context; the last middleware publishes it here.
    @TaskLocal static var current: AppRequestContext?
}

/// Publishes the context to the OpenAPI handlers. Must be the last middleware so it sees every edit.
struct OpenAPIRequestContextMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await AppRequestContext.$current.withValue(context) { try await next(request, context) }
    }
}

/// Behind trusted reverse proxies (`MOTCUA_TRUSTED_PROXIES`), takes the client's address from
/// `X-Forwarded-For` as ``TrustedProxies`` allows; otherwise the header is ignored.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.isEmpty else { return try await next(request, context) }
        var context = context
        let forwarded = request.headers[values: .init("X-Forwarded-For")!]
        if let client = proxies.client(peer: context.peer?.ipAddress, forwardedFor: forwarded), client != context.peer?.ipAddress {
            context.forwardedClient = client
        }
        return try await next(request, context)
    }
}
