import Foundation
import Hummingbird

/// Reads `Authorization: Bearer …`: an official's token sets `principal`, a citizen's sets `citizen`. A missing header leaves the request anonymous (operations that need a
/// caller refuse it); a present but invalid token is refused at once, so a client never mistakes a
/// broken token for anonymous access.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: SigningKeyProvider
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else { throw Problem.invalidToken }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let signer = try await keys.current()
        var context = context
        if let principal = signer.verify(token, now: now()) {
            context.principal = principal
        } else if let citizen = signer.verifyCitizen(token, now: now()) {
            context.citizen = citizen
        } else {
            throw Problem.invalidToken
        }
        return try await next(request, context)
    }
}
