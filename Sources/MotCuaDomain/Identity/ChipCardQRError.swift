/// Why the text of a chip-card QR code was rejected: the field (by position and name) and the rule.
///
/// Messages are bilingual and safe to show at the counter. They never repeat the ID number, the name
/// or the address, which would otherwise end up in logs; dates are repeated because the citizen needs
/// to see which date is wrong.
public struct ChipCardQRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that failed.
    public enum Reason: Sendable, Hashable {
        /// Nothing but whitespace was scanned.
        case emptyText
        /// The text has no `|`, so it is not chip-card QR text (a barcode, a URL, a mistyped number…).
        case noSeparator
        /// Fewer than the six fields every card has.
        case tooFewFields(found: Int)
        /// A required field is empty.
        case missingValue
        /// The citizen ID is structurally invalid.
        case citizenID(CitizenIDError.Reason)
        /// The old ID contains something other than digits.
        case legacyIDNonDigit
        /// The old ID does not have 9 digits.
        case legacyIDWrongLength(Int)
        /// The name contains digits or no letter at all.
        case invalidName
        /// A date is not `ddMMyyyy` (or `dd/MM/yyyy`, `dd-MM-yyyy`, `dd.MM.yyyy`, `yyyy-MM-dd`).
        case dateFormat
        /// Only a year is given; some elderly people's records have no day and month, but the QR text
        /// of a chip card always has a full date, so this is a damaged scan or a different document.
        case yearOnlyDate(Int)
        /// The digits form a day that does not exist, such as 31 February.
        case nonexistentDate(day: Int, month: Int, year: Int)
        /// The date lies after the day of the scan.
        case dateInFuture(date: LocalDate, today: LocalDate)
        /// The sex is not Nam/Nữ (or Male/Female).
        case unknownSex
        /// The 4th digit of the ID encodes the other sex than field 5.
        case idContradictsSex(idSays: Sex, fieldSays: Sex)
        /// The 4th digit of the ID encodes another century than the date of birth.
        case idContradictsBirthCentury(idCentury: Int, birthYear: Int)
        /// Digits 5–6 of the ID are not the last two digits of the year of birth.
        case idContradictsBirthYear(idYearDigits: Int, birthYear: Int)
        /// The card is dated before its holder was born.
        case issuedBeforeBirth(issued: LocalDate, born: LocalDate)
    }

    /// The field at fault, or `nil` when the text as a whole is unusable.
    public let field: ChipCardQRField?
    public let reason: Reason

    public init(_ reason: Reason, field: ChipCardQRField? = nil) {
        self.reason = reason
        self.field = field
    }

    public var description: String {
        let (vi, en) = messages
        guard let field else { return "\(vi) / \(en)" }
        return "Trường \(field.position) (\(field.nameVi)): \(vi) / field \(field.position) (\(field.nameEn)): \(en)"
    }

    private static func dmy(_ date: LocalDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }

    /// Splits a bilingual "vi / en" message into its halves.
    private static func split(_ message: String) -> (vi: String, en: String) {
        guard let range = message.firstRange(of: " / ") else { return (message, message) }
        return (String(message[..<range.lowerBound]), String(message[range.upperBound...]))
    }

    private var messages: (vi: String, en: String) {
        switch reason {
        case .emptyText:
            ("Không có dữ liệu mã QR", "the scanned text is empty")
        case .noSeparator:
            ("Không phải mã QR căn cước: thiếu dấu phân cách “|”", "not chip-card QR text: there is no '|' separator")
        case .tooFewFields(let found):
            ("Mã QR phải có ít nhất 6 trường (nhận được \(found))", "QR text needs at least 6 fields (got \(found))")
        case .missingValue:
            ("Trường bắt buộc bị trống", "this required field is empty")
        case .citizenID(let reason):
            // Reuse CitizenIDError's wording so the counter sees one message per rule, whatever the input.
            Self.split(CitizenIDError(reason).description)
        case .legacyIDNonDigit:
            ("Số CMND cũ chỉ gồm chữ số", "the old ID contains digits only")
        case .legacyIDWrongLength(let count):
            ("Số CMND cũ phải có 9 chữ số (nhận được \(count))", "the old ID has 9 digits (got \(count))")
        case .invalidName:
            ("Họ tên phải có chữ cái và không có chữ số", "a name has letters and no digits")
        case .dateFormat:
            ("Ngày phải có dạng ddMMyyyy (ví dụ 05091990)", "a date must be ddMMyyyy (e.g. 05091990)")
        case .yearOnlyDate(let year):
            ("Chỉ có năm \(year), thiếu ngày và tháng", "only the year \(year) is given, without day and month")
        case .nonexistentDate(let day, let month, let year):
            ("Ngày \(day)/\(month)/\(year) không tồn tại", "\(day)/\(month)/\(year) is not a real date")
        case .dateInFuture(let date, let today):
            (
                "Ngày \(Self.dmy(date)) sau ngày hôm nay (\(Self.dmy(today)))",
                "\(Self.dmy(date)) is after today (\(Self.dmy(today)))"
            )
        case .unknownSex:
            ("Giới tính phải là “Nam” hoặc “Nữ”", "sex must be 'Nam' (male) or 'Nữ' (female)")
        case .idContradictsSex(let idSays, let fieldSays):
            (
                "Chữ số thứ 4 của số định danh ứng với giới tính \(idSays.labelVi), nhưng trường 5 ghi \(fieldSays.labelVi)",
                "the 4th digit of the ID encodes \(idSays.rawValue) but field 5 says \(fieldSays.rawValue)"
            )
        case .idContradictsBirthCentury(let idCentury, let birthYear):
            (
                "Chữ số thứ 4 của số định danh ứng với năm sinh \(idCentury)xx, nhưng trường 4 ghi năm \(birthYear)",
                "the 4th digit of the ID encodes a birth year \(idCentury)xx but field 4 gives \(birthYear)"
            )
        case .idContradictsBirthYear(let digits, let birthYear):
            (
                "Chữ số thứ 5–6 của số định danh (\(digits < 10 ? "0" : "")\(digits)) không khớp năm sinh \(birthYear) ở trường 4",
                "digits 5–6 of the ID (\(digits < 10 ? "0" : "")\(digits)) do not match the birth year \(birthYear) in field 4"
            )
        case .issuedBeforeBirth(let issued, let born):
            (
                "Ngày cấp \(Self.dmy(issued)) trước ngày sinh \(Self.dmy(born))",
                "issued on \(Self.dmy(issued)), before the date of birth \(Self.dmy(born))"
            )
        }
    }
}
