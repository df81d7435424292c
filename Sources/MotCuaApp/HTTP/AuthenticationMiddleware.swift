import Foundation
import Hummingbird

/// Reads `Authorization: Bearer …`. A missing header leaves the request anonymous (operations that need a
/// caller refuse it); a present but invalid token is refused at once, so a client never mistakes a
/// broken token for anonymous access.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: SigningKeyProvider
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let signer = try await keys.current()
        guard header.count > 7, header.prefix(7).lowercased() == "bearer ",
            let principal = signer.verify(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), now: now())
        else { throw Problem.invalidToken }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}
