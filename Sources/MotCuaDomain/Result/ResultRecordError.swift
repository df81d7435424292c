/// Why a result record was refused. Messages name the field and are safe to show.
public struct ResultRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case emptyField(String)
        case validityBeforeIssue
        case versionBelowOne(Int)
        case firstVersionSupersedes
        case correctionWithoutSupersedes(Int)
        case supersedesItself
        case unreadable(String)
        case notCanonical
        case unknownField(String)
        case controlCharacters(String)
        case fieldTooLong(String, Int)
        case invalidFormat(String, ResultFieldFormat)
        case sameValue(String, String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// The field a refusal of one value names (`fields.<key>`), for the API's problem; nil for the others.
    public var field: String? {
        switch reason {
        case .invalidFormat(let key, _), .sameValue(let key, _): "fields.\(key)"
        default: nil
        }
    }

    public var description: String {
        switch reason {
        case .emptyField(let field):
            "Trường \(field) không được để trống / field \(field) must not be empty"
        case .validityBeforeIssue:
            "validUntil sớm hơn ngày cấp / validUntil is before issuedOn"
        case .versionBelowOne(let version):
            "Phiên bản phải từ 1 trở lên (nhận được \(version)) / version must be at least 1 (got \(version))"
        case .firstVersionSupersedes:
            "Phiên bản 1 không thay thế kết quả nào / version 1 must not name a superseded result"
        case .correctionWithoutSupersedes(let version):
            "Phiên bản \(version) phải ghi kết quả bị thay thế / version \(version) must name the result it supersedes"
        case .supersedesItself:
            "Kết quả không thể thay thế chính nó / a result cannot supersede itself"
        case .unreadable(let detail):
            "Nội dung kết quả không đọc được / the result payload is not a result record: \(detail)"
        case .notCanonical:
            "Nội dung kết quả không ở dạng chuẩn tắc / the result payload is not in canonical form"
        case .unknownField(let key):
            "Loại kết quả này không có trường \(key) / this result type has no field \(key)"
        case .controlCharacters(let key):
            "Trường \(key) chứa ký tự điều khiển / field \(key) contains control characters"
        case .fieldTooLong(let key, let limit):
            "Trường \(key) dài quá \(limit) ký tự / field \(key) is longer than \(limit) characters"
        case .invalidFormat(let key, let format):
            "Trường \(key) phải là \(format.expectation.vi) / field \(key) must be \(format.expectation.en)"
        case .sameValue(let key, let other):
            "Trường \(key) trùng với \(other): hai bên phải là hai người khác nhau / field \(key) equals \(other): the two parties must be different people"
        }
    }
}
