import Hummingbird
import MotCuaDomain
import NIOCore

/// Buffers the request body up to a limit and answers 413 past it, before any handler reads it.
///
/// Uploads of scanned documents are the exception: their body is a file of up to `maximumUploadBytes`, which
/// the handler streams to disk and bounds itself, so here they are only refused when `Content-Length`
/// announces more than that, and never buffered. Register books uploaded as ZIP files likewise, up to
/// `maximumArchiveBytes`. Every other request keeps the JSON limit.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maximumBytes: Int
    var maximumUploadBytes: Int = 0
    var maximumArchiveBytes: Int = 0

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let archive = Self.isArchiveUpload(request)
        let upload = archive || Self.isUpload(request)
        let limit = archive ? maximumArchiveBytes : upload ? maximumUploadBytes : maximumBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw upload ? Problem.from(DocumentCheckError.uploadTooLarge(limit: limit)) : Self.tooLarge(limit)
        }
        if upload { return try await next(request, context) }
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

    /// `POST /api/v1/dossiers/{code}/components/{component}/documents`: the one operation whose body is a file.
    static func isUpload(_ request: Request) -> Bool {
        guard request.method == .post else { return false }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 8 && parts[0].isEmpty && parts[1] == "api" && parts[2] == "v1" && parts[3] == "dossiers"
            && !parts[4].isEmpty && parts[5] == "components" && !parts[6].isEmpty && parts[7] == "documents"
    }

    /// `POST /api/v1/legacy/books/archive`: a register book as a ZIP file.
    static func isArchiveUpload(_ request: Request) -> Bool {
        request.method == .post && request.uri.path == "/api/v1/legacy/books/archive"
    }

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(.contentTooLarge, "too-large", "Dữ liệu gửi lên quá lớn / the request body exceeds \(limit) bytes")
    }
}
