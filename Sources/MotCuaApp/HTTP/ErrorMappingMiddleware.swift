import Foundation
import Hummingbird
import Logging
import MotCuaStorage
import OpenAPIRuntime

/// Turns every error into problem details: input the generated code could not decode becomes a 400 that
/// names the field; our own problems pass through; the domain's errors (what services throw) are mapped here,
/// in one place; anything unexpected becomes a generic 500 and is logged by its type and code only (never in the
/// response): a database error's reflection carries the statement's bound values, which are names, ID numbers and notes.
struct ErrorMappingMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as ServerError {
            if let problem = error.underlyingError as? Problem { throw problem }
            if let problem = Problem(domain: error.underlyingError) { throw problem }
            if let converted = error.underlyingError as? any HTTPResponseConvertible, converted.httpStatus == .unsupportedMediaType {
                throw Problem.unsupportedMediaType(error.causeDescription)
            }
            if error.operationInput == nil {
                throw Problem(.badRequest, "malformed-request", Self.describe(error.underlyingError, cause: error.causeDescription))
            }
            // After the handler: the answer cannot be written as the request asked (e.g. an `Accept` that excludes the
            // downloaded file's type). The runtime knows the status; it is the client's to fix.
            if let converted = error.underlyingError as? any HTTPResponseConvertible, (400..<500).contains(converted.httpStatus.code) {
                throw Problem(
                    converted.httpStatus, "http-\(converted.httpStatus.code)",
                    "Không thể trả lời theo yêu cầu / the answer cannot be given as requested: \(error.causeDescription)")
            }
            context.logger.error("Unhandled error in handler", metadata: LoggableError.metadata(error.underlyingError))
            throw Self.internalError
        } catch let error as HTTPError {
            throw Problem(error.status, "http-\(error.status.code)", error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch {
            if let problem = Problem(domain: error) { throw problem }
            context.logger.error("Unhandled error", metadata: LoggableError.metadata(error))
            throw Self.internalError
        }
    }

    static let internalError = Problem(
        .internalServerError, "internal", "Lỗi hệ thống, đã được ghi nhận / an internal error occurred and was logged; nothing was changed by this request")

    /// A message a client developer can act on, without internal detail.
    static func describe(_ error: any Error, cause: String) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "Thiếu trường / missing field '\(path(context.codingPath + [key]))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "Sai kiểu dữ liệu / field '\(path(context.codingPath))' has the wrong type: \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            let where_ = context.codingPath.isEmpty ? "the body" : "field '\(path(context.codingPath))'"
            return "Dữ liệu không hợp lệ / \(where_) is not valid: \(context.debugDescription)"
        default:
            return "Yêu cầu không hợp lệ / the request is malformed: \(cause)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}
