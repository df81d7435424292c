import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The generated server writes every declared response header as a URI component (RFC 6570 simple style),
/// which turns `attachment; filename="x.pdf"` into `attachment%3B%20filename%3D%22x.pdf%22`, a value no
/// browser reads. This puts `Content-Disposition` back as the handler wrote it (handlers build it from ASCII
/// letters, digits, `-`, `_` and `.` only, so decoding cannot produce a header injection), and `Location`
/// (a path of the API with a generated id, e.g. a reconciliation job's), which `%2F` would break.
struct ContentDispositionMiddleware: ServerMiddleware {
    static let name = HTTPField.Name("Content-Disposition")!
    static let names = [name, .location]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for name in Self.names {
            if let encoded = response.headerFields[name], let decoded = encoded.removingPercentEncoding,
                !decoded.contains(where: { $0 == "\r" || $0 == "\n" })
            {
                response.headerFields[name] = decoded
            }
        }
        return (response, responseBody)
    }
}
