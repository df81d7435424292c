import MotCuaDomain

/// Why a registry update was refused. Messages are bilingual and do not repeat ID numbers.
public struct RegistryUpdateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that failed.
    public enum Reason: Sendable, Hashable {
        /// No person with this citizen ID.
        case personNotFound(CitizenID)
        /// No person with this old ID.
        case legacyIDNotFound(LegacyID)
        /// The same person on both sides of a marriage or a divorce.
        case samePerson
        /// The husband is recorded as female or the wife as male.
        case sexMismatch(CivilStatusRegistration.Role)
        /// The person has died.
        case deceased(CivilStatusRegistration.Role)
        /// The person is married to someone else.
        case alreadyMarried(CivilStatusRegistration.Role)
        /// Below the legal marriage age: 20 for men, 18 for women (Law on Marriage and Family 2014, art. 8).
        case underAge(CivilStatusRegistration.Role, minimum: Int)
        /// The date is before the person's birth.
        case dateOutOfRange
        /// The commune code is not one of Bắc Ninh's 99 units.
        case unknownCommune(String)
        /// No registration with this number.
        case registrationNotFound(String)
        /// The registration exists but is not a marriage.
        case notAMarriage(String)
        /// The marriage was later dissolved by a divorce registration.
        case dissolvedByDivorce(String)
        /// A divorce names two people whom the population database does not show married to each other.
        case notMarriedToEachOther
        /// A divorce dated before the couple's marriage registration.
        case beforeMarriage
        /// An area that is not a positive number of square metres below 100 km².
        case invalidArea
        /// The profiles already show the change.
        case alreadyApplied
        /// No parcel with this ID.
        case parcelNotFound(String)
        /// The parcel does not name this old ID as an owner.
        case ownerNotOnParcel
        /// The person has no insurance record.
        case noInsurance
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    private static func roleVi(_ role: CivilStatusRegistration.Role) -> String {
        switch role {
        case .husband: "người chồng"
        case .wife: "người vợ"
        case .deceased: "người chết"
        case .child: "người con"
        case .father: "người cha"
        case .mother: "người mẹ"
        }
    }

    public var description: String {
        switch reason {
        case .personNotFound:
            "Không tìm thấy công dân với số định danh này / no person with this citizen ID"
        case .legacyIDNotFound:
            "Không tìm thấy công dân với số CMND này / no person with this old ID"
        case .samePerson:
            "Hai bên là cùng một người / both parties are the same person"
        case .sexMismatch(let role):
            "Giới tính của \(Self.roleVi(role)) không phù hợp / the \(role.rawValue)'s recorded sex does not fit the role"
        case .deceased(let role):
            "\(Self.roleVi(role).capitalizedFirst) đã chết / the \(role.rawValue) is recorded as deceased"
        case .alreadyMarried(let role):
            "\(Self.roleVi(role).capitalizedFirst) đang có vợ hoặc chồng / the \(role.rawValue) is married to someone else"
        case .underAge(let role, let minimum):
            "\(Self.roleVi(role).capitalizedFirst) chưa đủ \(minimum) tuổi / the \(role.rawValue) is under \(minimum)"
        case .dateOutOfRange:
            "Ngày đăng ký trước ngày sinh / the date is before the person's birth"
        case .unknownCommune(let code):
            "Mã xã \(code) không thuộc tỉnh Bắc Ninh / commune code \(code) is not one of Bắc Ninh's 99 units"
        case .registrationNotFound(let number):
            "Không tìm thấy đăng ký hộ tịch số \(number) / no civil-status registration \(number)"
        case .notAMarriage(let number):
            "Đăng ký \(number) không phải đăng ký kết hôn / registration \(number) is not a marriage"
        case .dissolvedByDivorce(let number):
            "Hôn nhân \(number) đã chấm dứt do ly hôn / marriage \(number) was dissolved by a divorce"
        case .notMarriedToEachOther:
            "Cơ sở dữ liệu dân cư không ghi hai người này là vợ chồng của nhau / the population database does not show these two people married to each other"
        case .beforeMarriage:
            "Ngày ly hôn trước ngày đăng ký kết hôn / the divorce is dated before the marriage registration"
        case .invalidArea:
            "Diện tích phải là số dương nhỏ hơn 100 km² / the area must be a positive number of m² below 100 km²"
        case .alreadyApplied:
            "Hồ sơ dân cư đã được cập nhật / the population profiles already show this change"
        case .parcelNotFound(let id):
            "Không tìm thấy thửa đất \(id) / no land parcel \(id)"
        case .ownerNotOnParcel:
            "Thửa đất không ghi chủ sử dụng theo số CMND này / the parcel does not name this old ID as an owner"
        case .noInsurance:
            "Công dân không có hồ sơ bảo hiểm / the person has no insurance record"
        }
    }
}

extension String {
    /// The string with its first character upper-cased ("người chồng" → "Người chồng").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
