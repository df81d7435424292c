/// The fields of the text in a chip CCCD's QR code, in their order (domain.md §2).
///
/// The raw value is the 1-based position, as officials count them when a scan is rejected.
public enum ChipCardQRField: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case citizenID = 1
    case legacyID = 2
    case fullName = 3
    case dateOfBirth = 4
    case sex = 5
    case address = 6
    case dateOfIssue = 7

    /// 1-based position in the `|`-separated text.
    public var position: Int { rawValue }

    /// Vietnamese name of the field, as printed by QR readers.
    public var nameVi: String {
        switch self {
        case .citizenID: "số định danh cá nhân"
        case .legacyID: "số CMND cũ"
        case .fullName: "họ và tên"
        case .dateOfBirth: "ngày sinh"
        case .sex: "giới tính"
        case .address: "nơi thường trú"
        case .dateOfIssue: "ngày cấp"
        }
    }

    /// English name of the field.
    public var nameEn: String {
        switch self {
        case .citizenID: "citizen ID"
        case .legacyID: "old 9-digit ID"
        case .fullName: "full name"
        case .dateOfBirth: "date of birth"
        case .sex: "sex"
        case .address: "permanent address"
        case .dateOfIssue: "date of issue"
        }
    }

    /// Bilingual label, e.g. "trường 4 (ngày sinh) / field 4 (date of birth)".
    public var label: String { "trường \(position) (\(nameVi)) / field \(position) (\(nameEn))" }

    public var description: String { "field \(position) (\(nameEn))" }
}
