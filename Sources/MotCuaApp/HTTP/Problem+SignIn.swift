import HTTPTypes

extension Problem {
    /// The answer to a refused sign-in or password change.
    static func from(_ error: SignInError) -> Problem {
        switch error {
        case .badCredentials:
            .badCredentials
        case .throttled(let retryAfter):
            Problem(
                .tooManyRequests, "sign-in-throttled",
                "Đăng nhập sai quá nhiều lần từ địa chỉ này, vui lòng thử lại sau \(retryAfter) giây / too many failed sign-ins from this address; retry in \(retryAfter) s",
                headers: [.retryAfter: String(retryAfter)])
        case .busy:
            Problem(
                .serviceUnavailable, "sign-in-busy",
                "Hệ thống đang bận xử lý đăng nhập, vui lòng thử lại / too many sign-ins at once; retry in a moment",
                headers: [.retryAfter: "1"])
        case .weakPassword(let rule):
            Problem(
                .unprocessableContent, "weak-password", "Mật khẩu mới chưa đủ mạnh / the new password needs \(rule)",
                field: "newPassword")
        }
    }
}
