/// The ten national dossier statuses synchronised with the National Public Service Portal.
///
/// The raw value is the national code (1–10), so exports and indicators can use it directly.
public enum DossierStatus: Int, Sendable, Codable, CaseIterable, Hashable {
    /// 1 Mới đăng ký: submitted online, not yet received.
    case submitted = 1
    /// 2 Được tiếp nhận: received, waiting to be assigned.
    case received = 2
    /// 3 Không được tiếp nhận: refused at receipt (Form 03).
    case notReceived = 3
    /// 4 Đang xử lý: in process.
    case inProcess = 4
    /// 5 Yêu cầu bổ sung giấy tờ: waiting for the citizen's supplement; the clock is paused.
    case supplementRequested = 5
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính: waiting for a fee or tax payment (`request_payment`, left by
    /// `record_payment`). The clock is paused, like for a supplement: a rule chosen here, not verified [U],
    /// because the Decree 118/2025 text on status 6 could not be found.
    case paymentRequested = 6
    /// 7 Công dân yêu cầu rút hồ sơ: withdrawn by the citizen.
    case withdrawn = 7
    /// 8 Dừng xử lý: processing stopped.
    case stopped = 8
    /// 9 Đã xử lý xong: processing finished, result ready to hand over.
    case done = 9
    /// 10 Đã trả kết quả: result returned.
    case returned = 10

    /// Stable API name.
    public var name: String {
        switch self {
        case .submitted: "submitted"
        case .received: "received"
        case .notReceived: "not_received"
        case .inProcess: "in_process"
        case .supplementRequested: "supplement_requested"
        case .paymentRequested: "payment_requested"
        case .withdrawn: "withdrawn"
        case .stopped: "stopped"
        case .done: "done"
        case .returned: "returned"
        }
    }

    /// Vietnamese label as on the national portal.
    public var labelVi: String {
        switch self {
        case .submitted: "Mới đăng ký"
        case .received: "Được tiếp nhận"
        case .notReceived: "Không được tiếp nhận"
        case .inProcess: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .paymentRequested: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân yêu cầu rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .done: "Đã xử lý xong"
        case .returned: "Đã trả kết quả"
        }
    }

    /// Looks a status up by its API name.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether the dossier is with the administration, so its promised date can pass (not paused for the
    /// citizen's supplement or payment, not finished).
    public var isWithAdministration: Bool {
        self == .received || self == .inProcess
    }

    /// Whether no further transition is possible.
    public var isTerminal: Bool {
        switch self {
        case .notReceived, .withdrawn, .stopped, .returned: true
        default: false
        }
    }
}
