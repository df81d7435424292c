import Foundation
import MotCuaDomain

/// The seven forms of Circular 03/2025/TT-VPCP (Annex I; 15/9/2025, implementing Decree 118/2025/NĐ-CP) as
/// printable HTML pages (A4, print stylesheet). The circular's annex itself could not be read; the titles
/// and numbering come from a summary of it (thuviennhadat.vn), the content from the dossier's record.
public enum OneStopForm: String, Sendable, CaseIterable {
    case receipt = "01"
    case supplementRequest = "02"
    case refusal = "03"
    case apologyAndExtension = "04"
    case stoppedProcessing = "05"
    case controlSheet = "06"
    case register = "07"

    /// The title as the circular names the form.
    public var titleVi: String {
        switch self {
        case .receipt: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
        case .supplementRequest: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
        case .refusal: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
        case .apologyAndExtension: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
        case .stoppedProcessing: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
        case .controlSheet: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
        case .register: "SỔ THEO DÕI HỒ SƠ"
        }
    }

    public var titleEn: String {
        switch self {
        case .receipt: "Receipt and appointment for the result"
        case .supplementRequest: "Request to supplement the dossier"
        case .refusal: "Refusal to receive the dossier"
        case .apologyAndExtension: "Apology and request to extend the processing time"
        case .stoppedProcessing: "Notice of stopped processing"
        case .controlSheet: "Control sheet of the processing"
        case .register: "Dossier register"
        }
    }
}

/// Why a form cannot be printed for a dossier.
public struct FormNotApplicable: Error, Sendable, CustomStringConvertible {
    public let form: OneStopForm
    public let reasonVi: String
    public let reasonEn: String
    public var description: String { "Mẫu \(form.rawValue): \(reasonVi) / form \(form.rawValue): \(reasonEn)" }
}

/// What a dossier form needs besides the dossier.
public struct FormContext: Sendable {
    public let dossier: Dossier
    public let procedure: Procedure?
    public let handlingAgency: Agency?
    public let receivingAgency: Agency?
    public let history: [HistoryEntry]
    /// Printed for the applicant: history notes as the applicant may read them (`HistoryEntry.citizenNote`).
    public let applicantView: Bool
    /// The public status page, opened by the QR code.
    public let statusURL: String
    public let printedAt: Date

    /// The note of `entry` as this form's reader may see it.
    func note(_ entry: HistoryEntry) -> String? {
        applicantView ? entry.citizenNote : entry.note
    }

    public init(
        dossier: Dossier, procedure: Procedure?, handlingAgency: Agency?, receivingAgency: Agency?, history: [HistoryEntry],
        applicantView: Bool = false, statusURL: String, printedAt: Date
    ) {
        self.dossier = dossier
        self.procedure = procedure
        self.handlingAgency = handlingAgency
        self.receivingAgency = receivingAgency
        self.history = history
        self.applicantView = applicantView
        self.statusURL = statusURL
        self.printedAt = printedAt
    }
}
