import Foundation
import HTTPTypes
import Hummingbird

/// Enforces the contract's input bounds on every API request before the generated handlers run: ranges,
/// lengths, patterns, date formats and control characters in parameters (400) and JSON bodies (422), each
/// naming the field. A method the contract does not declare on an existing path answers 405 with `Allow`.
struct ContractValidationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let rules: ContractRules
    let maximumBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (operations, variables) = rules.match(path: request.uri.path) else { return try await next(request, context) }
        guard let operation = operations.first(where: { $0.method == request.method }) else {
            if request.method == .head || request.method == .options { return try await next(request, context) }
            let allowed = operations.map(\.method.rawValue).joined(separator: ", ")
            throw Problem(
                .methodNotAllowed, "method-not-allowed",
                "Phương thức \(request.method.rawValue) không được hỗ trợ / \(request.method.rawValue) is not allowed here; use \(allowed)",
                headers: [.allow: allowed])
        }
        let query = request.uri.queryParameters.map { (key: String($0.key), value: String($0.value)) }
        try rules.validateParameters(of: operation, pathVariables: variables, query: query, headers: request.headers)
        guard let schema = operation.body, request.headers[.contentType]?.lowercased().contains("json") == true else {
            return try await next(request, context)
        }
        var request = request
        // The body limit middleware has buffered it already; this returns that buffer.
        let buffer = try await request.collectBody(upTo: maximumBodyBytes)
        try rules.validateBody(Data(buffer.readableBytesView), schema: schema)
        return try await next(request, context)
    }
}
