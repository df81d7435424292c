import Foundation
import MotCuaDomain
import MotCuaStorage

/// Names and formats shared by the operations panel, its CSV and the monthly report.
enum OperationsText {
    static func step(_ step: ProcessStep) -> (vi: String, en: String) {
        switch step {
        case .receipt: ("Tiếp nhận", "Receipt")
        case .appraisal: ("Thẩm định", "Appraisal")
        case .approval: ("Phê duyệt", "Approval")
        case .signature: ("Ký số", "Signature")
        case .delivery: ("Trả kết quả", "Delivery")
        }
    }

    static func channel(_ channel: Channel) -> (vi: String, en: String) {
        switch channel {
        case .counter: ("Trực tiếp", "At the counter")
        case .online: ("Trực tuyến", "Online")
        case .postal: ("Bưu chính", "By post")
        }
    }

    /// "2026-12-07 09:00", Vietnam time.
    static func time(_ date: Date?) -> String { date.map(WorkingCalendar.localTimestamp) ?? "" }

    static func rate(_ rate: Double?) -> String { rate.map(IndexEngine.percent) ?? "—" }

    /// Hours between two instants, one decimal at most.
    static func hours(from start: Date, to end: Date) -> String {
        IndexEngine.number((end.timeIntervalSince(start) / 360).rounded() / 10)
    }
}
