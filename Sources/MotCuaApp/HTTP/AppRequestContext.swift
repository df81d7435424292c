import Hummingbird

/// Per-request data: the authenticated caller, if any: an official (`principal`) or a citizen (`citizen`),
/// never both.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var citizen: CitizenPrincipal?
    /// The client's address, for rate limits on anonymous operations.
    public var remoteAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.citizen = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
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
