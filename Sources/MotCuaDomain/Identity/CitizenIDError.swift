/// Why a personal identification number was rejected. Messages name the rule and are safe to show.
public struct CitizenIDError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case wrongLength(Int)
        case nonDigit
        case unknownPlaceCode(String)
        case sexMismatch
        case centuryMismatch
        case birthYearMismatch
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .wrongLength(let n):
            "Số định danh cá nhân phải có đúng 12 chữ số (nhận được \(n)) / a citizen ID has exactly 12 digits (got \(n))"
        case .nonDigit:
            "Số định danh cá nhân chỉ gồm chữ số / a citizen ID contains digits only"
        case .unknownPlaceCode(let code):
            "Mã nơi đăng ký khai sinh \(code) không tồn tại / birth-registration code \(code) is not a province (001–096) or country (101–295) code"
        case .sexMismatch:
            "Chữ số thứ 4 không khớp giới tính / the 4th digit does not match the recorded sex"
        case .centuryMismatch:
            "Chữ số thứ 4 không khớp thế kỷ sinh / the 4th digit does not match the century of birth"
        case .birthYearMismatch:
            "Chữ số thứ 5–6 không khớp năm sinh / digits 5–6 do not match the year of birth"
        }
    }
}
