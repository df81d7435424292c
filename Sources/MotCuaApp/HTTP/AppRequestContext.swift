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

    /// The client's address, for rate limits on anonymous operations.
    public var remoteAddress: String? { peer?.ipAddress }

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.citizen = nil
        self.sessionID = nil
        self.peer = source.channel.remoteAddress
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
