import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import OpenAPIRuntime

/// A method the contract does not declare on an existing API path answers 405 with `Allow`.
struct UndeclaredMethodMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let rules: ContractRules

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (operations, _) = rules.match(path: request.uri.path), !operations.contains(where: { $0.method == request.method }),
            request.method != .head, request.method != .options
        else { return try await next(request, context) }
        let allowed = operations.map(\.method.rawValue).joined(separator: ", ")
        throw Problem(
            .methodNotAllowed, "method-not-allowed",
            "Phương thức \(request.method.rawValue) không được hỗ trợ / \(request.method.rawValue) is not allowed here; use \(allowed)",
            headers: [.allow: allowed])
    }
}

/// Enforces the contract's input bounds on every API operation before its handler runs: ranges, lengths,
/// patterns, date formats and control characters in parameters (400) and JSON bodies (422), each naming the
/// field. It runs after the access policy, so a caller without the right learns nothing about input rules.
struct ContractValidationMiddleware: ServerMiddleware {
    let rules: ContractRules
    let maximumBodyBytes: Int

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let target = request.path ?? "/"
        let pathPart = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        guard let (operations, variables) = rules.match(path: pathPart),
            let operation = operations.first(where: { $0.method == request.method })
        else { return try await next(request, body, metadata) }
        let query = URI(target).queryParameters.map { (key: String($0.key), value: String($0.value)) }
        try rules.validateParameters(of: operation, pathVariables: variables, query: query, headers: request.headerFields)
        guard let schema = operation.body, let body, request.headerFields[.contentType]?.lowercased().contains("json") == true else {
            return try await next(request, body, metadata)
        }
        // The body limit middleware has bounded it already; collect it once and hand the bytes on.
        let bytes = try await [UInt8](collecting: body, upTo: maximumBodyBytes)
        try rules.validateBody(bytes, schema: schema)
        return try await next(request, HTTPBody(bytes), metadata)
    }
}
