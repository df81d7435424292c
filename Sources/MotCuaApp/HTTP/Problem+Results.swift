import HTTPTypes
import MotCuaDomain

extension Problem {
    static func from(_ error: ResultError) -> Problem {
        switch error {
        case .notFound(let id):
            return .notFound("Không tìm thấy kết quả \(id) / no result \(id) is visible to you")
        case .noElectronicResult(let code):
            return Problem(
                .conflict, "no-electronic-result",
                "Thủ tục \(code) chưa trả kết quả điện tử / procedure \(code) does not issue an electronic result")
        case .notPrepared(let code):
            return Problem(
                .conflict, "result-not-prepared",
                "Chuyên viên chưa lập dự thảo kết quả của hồ sơ \(code) / the specialist has not prepared the result of \(code) yet")
        case .notDelivered:
            return Problem(.conflict, "result-not-delivered", "Kết quả chưa được trả / the result has not been delivered yet")
        case .noCertificate:
            return Problem(
                .conflict, "no-signing-certificate",
                "Lãnh đạo chưa có chứng thư ký số còn hiệu lực / the leader holds no valid signing certificate; the CA administrator issues one (motcua signing issue)")
        case .certificateUnusable(let reason):
            return Problem(.conflict, "certificate-unusable", "Chứng thư ký số không dùng được / the signing certificate cannot be used: \(reason)")
        case .wrongState(let id, let state, let wanted):
            return Problem(
                .conflict, "result-state",
                "Kết quả \(id) đang ở trạng thái \(state.rawValue) / result \(id) is \(state.rawValue); this needs \(wanted)")
        case .invalidFields(let error):
            return .invalid(error.description, field: error.field ?? "fields")
        case .verificationFailed(let reason):
            return Problem(.unprocessableContent, "signature-invalid", "Tệp kết quả không hợp lệ / the result file does not verify: \(reason)")
        }
    }
}
