import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A token endpoint error as RFC 6749 §5.2 JSON: `{"error": …, "error_description": …}`.
struct EIDTokenError: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let error: String
    let errorDescription: String

    init(_ error: String, _ description: String, status: HTTPResponse.Status = .badRequest) {
        self.status = status
        self.error = error
        self.errorDescription = description
    }

    static func invalidGrant(_ description: String) -> Self { .init("invalid_grant", description) }
    static func invalidRequest(_ description: String) -> Self { .init("invalid_request", description) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(["error": error, "error_description": errorDescription])
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
