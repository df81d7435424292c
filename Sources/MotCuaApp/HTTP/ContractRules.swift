import Foundation
import HTTPTypes

/// The bounds `openapi.yaml` puts on each operation's parameters and JSON body, read from the served contract
/// at start-up. swift-openapi-generator checks types and enumerations but not `minimum`, `maximum`,
/// `minLength`, `maxLength`, `pattern` or `maxItems`; `ContractValidationMiddleware` enforces them from here, so
/// the contract stays the one place where a bound is stated.
struct ContractRules: Sendable {
    /// One operation: its method, path template, parameters and body schema.
    struct Operation: Sendable {
        let method: HTTPRequest.Method
        let path: [PathSegment]
        let parameters: [Parameter]
        let body: Schema?
    }

    enum PathSegment: Sendable, Equatable {
        case literal(String)
        case variable(String)
    }

    /// Where a parameter travels.
    enum Location: String, Sendable {
        case query, path, header
    }

    struct Parameter: Sendable {
        let name: String
        let location: Location
        let required: Bool
        let schema: Schema
    }

    /// The part of a JSON Schema the API uses for input.
    struct Schema: Sendable {
        var type: String?
        var format: String?
        var minimum: Double?
        var maximum: Double?
        var minLength: Int?
        var maxLength: Int?
        var pattern: Pattern?
        var maxItems: Int?
        /// Array items (zero or one schema; an array keeps the recursive type finite).
        var items: [Schema] = []
        var properties: [String: Schema] = [:]
        /// The schema of properties not listed (`additionalProperties`), zero or one.
        var additionalProperties: [Schema] = []
    }

    /// A compiled `pattern`. NSRegularExpression is immutable once built and safe to share.
    struct Pattern: @unchecked Sendable {
        let source: String
        let expression: NSRegularExpression

        func matches(_ text: String) -> Bool {
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// Text the contract leaves unbounded still has a ceiling, so nothing unbounded reaches a handler,
    /// a log line or a database: parameters (identifiers, codes, cursors) and body text.
    static let defaultParameterMaxLength = 200
    static let defaultBodyTextMaxLength = 4_000

    /// Body properties whose text may span lines: line breaks and tabs are allowed there and nowhere else.
    static let multiLineProperties: Set<String> = ["note", "reason", "opinion", "description", "overrideReason"]

    /// The prefix every API path carries (the contract's `servers` URL).
    let basePath: String
    let operations: [Operation]

    /// The operation matching a request path (below `basePath`), with its path variables, or `nil`.
    func match(path: String) -> (operations: [Operation], variables: [String: String])? {
        guard path.hasPrefix(basePath + "/") else { return nil }
        let segments = path.dropFirst(basePath.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        var found: [Operation] = []
        var variables: [String: String] = [:]
        for operation in operations where operation.path.count == segments.count {
            var bound: [String: String] = [:]
            let fits = zip(operation.path, segments).allSatisfy { template, segment in
                switch template {
                case .literal(let literal): return literal == segment
                case .variable(let name):
                    bound[name] = String(segment).removingPercentEncoding ?? String(segment)
                    return !segment.isEmpty
                }
            }
            if fits {
                found.append(operation)
                variables = bound
            }
        }
        return found.isEmpty ? nil : (found, variables)
    }
}
