import Foundation

/// The form of a result field that feeds a registry update, checked when the specialist prepares the result so
/// that a signed result never carries a value the registry cannot take.
public enum ResultFieldFormat: String, Sendable, Codable, Hashable {
    /// A 12-digit citizen ID (số định danh cá nhân).
    case citizenID
    /// A calendar date, `YYYY-MM-DD` or `DD/MM/YYYY`.
    case date
    /// A land parcel ID, `<5-digit commune code>-<map sheet>-<parcel number>`.
    case parcelID
    /// An area in m², a positive number ("152.5" or "152,5").
    case area

    /// Whether `value` has this form.
    public func accepts(_ value: String) -> Bool {
        switch self {
        case .citizenID: (try? CitizenID(value)) != nil
        case .date: RegistryUpdate.date(value) != nil
        case .parcelID: LandParcel.idParts(value) != nil
        case .area: LandParcel.area(value) != nil
        }
    }

    /// What the form is, for a refusal, in Vietnamese and in English.
    var expectation: (vi: String, en: String) {
        switch self {
        case .citizenID: ("số định danh cá nhân gồm 12 chữ số", "a citizen ID of 12 digits")
        case .date: ("ngày có thật, dạng YYYY-MM-DD hoặc DD/MM/YYYY", "a real date as YYYY-MM-DD or DD/MM/YYYY")
        case .parcelID: ("mã thửa đất dạng <mã xã 5 chữ số>-<tờ bản đồ>-<thửa số>", "a parcel ID as <5-digit commune code>-<map sheet>-<parcel number>")
        case .area: ("diện tích là số dương (m²)", "a positive area in m²")
        }
    }
}
