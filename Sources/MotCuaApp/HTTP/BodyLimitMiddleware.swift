import Hummingbird
import NIOCore

/// Buffers the request body up to a limit and answers 413 past it, before any handler reads it.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maximumBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBytes {
            throw Self.tooLarge(maximumBytes)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maximumBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(maximumBytes)
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length: the limit is found while reading, and reported this way.
            throw Self.tooLarge(maximumBytes)
        }
        return try await next(request, context)
    }

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(.contentTooLarge, "too-large", "Dữ liệu gửi lên quá lớn / the request body exceeds \(limit) bytes")
    }
}
