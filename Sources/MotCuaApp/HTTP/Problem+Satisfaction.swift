import HTTPTypes
import MotCuaDomain

extension Problem {
    static func from(_ error: SatisfactionError) -> Problem {
        switch error {
        case .invalid(let field, let vi, let en):
            return .invalid("\(vi.prefix(1).uppercased() + vi.dropFirst()) / \(en)", field: field)
        case .dossierNotFound(let code):
            return .notFound("Không tìm thấy hồ sơ \(code) / no dossier \(code) is visible to you")
        case .petitionNotFound(let id):
            return .notFound("Không tìm thấy phản ánh, kiến nghị \(id.prefix(64)) / no petition \(id.prefix(64)) is visible to you")
        case .resultNotReturned(let code):
            return Problem(
                .conflict, "result-not-returned",
                "Hồ sơ \(code) chưa trả kết quả nên chưa thể đánh giá / dossier \(code) has no returned result yet, so it cannot be rated")
        case .alreadyRated(let code):
            return Problem(.conflict, "already-rated", "Hồ sơ \(code) đã được đánh giá / dossier \(code) has already been rated")
        case .wrongStatus(let action, let status):
            return Problem(
                .conflict, "petition-step-not-allowed",
                "Không thể thực hiện '\(action)' khi phản ánh đang ở trạng thái '\(status.rawValue)' / '\(action)' is not allowed in status '\(status.rawValue)'")
        case .staleVersion:
            return Problem(
                .conflict, "petition-conflict", "Phản ánh vừa được cập nhật / the petition changed since you read it; reload and retry")
        }
    }

    /// Runs a satisfaction step, answering its domain errors as problems.
    static func mapping<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SatisfactionError {
            throw Problem.from(error)
        }
    }
}
