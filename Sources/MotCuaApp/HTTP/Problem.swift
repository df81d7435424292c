import Foundation
import HTTPTypes
import Hummingbird
import MotCuaDomain
import NIOCore

/// An error answered as RFC 9457 problem details. Messages are written for the person who can act on them
/// and never contain internal details.
public struct Problem: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// Short machine-readable slug, used in `type`.
    public let slug: String
    public let detail: String
    public let field: String?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ slug: String, _ detail: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.slug = slug
        self.detail = detail
        self.field = field
        self.headers = headers
    }

    public var description: String { "\(status.code) \(slug): \(detail)" }

    struct Body: Codable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let field: String?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = Body(
            type: "https://motcua.bacninh.gov.vn/problems/" + slug, title: status.reasonPhrase, status: status.code,
            detail: detail, field: field)
        var headers = self.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }

    // MARK: - Common problems

    static let unauthenticated = Problem(
        .unauthorized, "unauthenticated", "Cần đăng nhập / sign in and send 'Authorization: Bearer <token>'",
        headers: [.wwwAuthenticate: "Bearer"])
    static let invalidToken = Problem(
        .unauthorized, "invalid-token", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn / the token is invalid or expired; sign in again",
        headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
    static let badCredentials = Problem(
        .unauthorized, "bad-credentials",
        "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang tạm khóa / wrong username or password, or the account is temporarily locked")

    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, "forbidden", detail) }

    static func notFound(_ what: String) -> Problem { Problem(.notFound, "not-found", what) }

    static func invalid(_ detail: String, field: String? = nil) -> Problem {
        Problem(.unprocessableContent, "invalid", detail, field: field)
    }

    static func from(_ error: TransitionError) -> Problem {
        switch error.kind {
        case .forbidden: Problem(.forbidden, "transition-forbidden", error.message)
        case .conflict: Problem(.conflict, "transition-conflict", error.message)
        case .invalid: Problem(.unprocessableContent, "invalid", error.message)
        }
    }

    /// The problem for an error of the domain (what services throw); nil for anything else.
    init?(domain error: any Error) {
        switch error {
        case let error as DossierError: self = .from(error)
        case let error as TransitionError: self = .from(error)
        case let error as IntakeError: self = .from(error)
        case let error as DocumentCheckError: self = .from(error)
        case let error as DocumentNotFoundError: self = .from(error)
        case let error as ResultError: self = .from(error)
        case let error as ReportQueryError:
            self = error.forbidden
                ? Problem(.forbidden, "forbidden", error.message, field: error.field) : .invalid(error.message, field: error.field)
        default: return nil
        }
    }

    static func from(_ error: DossierError) -> Problem {
        switch error {
        case .notFound(let code):
            return .notFound("Không tìm thấy hồ sơ \(code) / no dossier \(code) is visible to you")
        case .concurrentChange:
            return Problem(.conflict, "transition-conflict", "Hồ sơ vừa được người khác cập nhật / the dossier was changed concurrently; reload and retry")
        case .idempotencyKeyReused:
            return Problem(
                .unprocessableContent, "idempotency-key-reused",
                "Idempotency-Key đã dùng cho yêu cầu khác / this Idempotency-Key was already used with a different request")
        case .replayUnavailable:
            return ErrorMappingMiddleware.internalError
        case .dailyCapacity(let series, let wait):
            return Problem(
                .serviceUnavailable, "daily-capacity",
                "Đơn vị đã dùng hết \(series.capacity) số hồ sơ \(series.online ? "trực tuyến" : "tại quầy") trong ngày / the receiving unit has used all "
                    + "\(series.capacity) \(series.online ? "online" : "counter") dossier numbers of the day; the dossier number format allows no more",
                headers: [.retryAfter: String(wait)])
        case .submissionQuota(let perDay, let wait):
            return Problem(
                .tooManyRequests, "submission-quota",
                "Mỗi tài khoản nộp tối đa \(perDay) hồ sơ trực tuyến mỗi ngày / an account may submit at most \(perDay) dossiers online per day; try again tomorrow",
                headers: [.retryAfter: String(wait)])
        case .unknownAgency(let id):
            return .invalid("Không có cơ quan \(id) / no agency '\(id)'", field: "agency")
        case .agencyOutsideScope:
            return .forbidden("Chỉ xem được hồ sơ của cơ quan mình / you may list only your own agency's dossiers")
        }
    }

    static func from(_ error: IntakeError) -> Problem {
        error.forbidden
            ? Problem(.forbidden, "forbidden", error.message, field: error.field)
            : Problem(.unprocessableContent, "invalid", error.message, field: error.field)
    }
}
