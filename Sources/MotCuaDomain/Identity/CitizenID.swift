/// A 12-digit personal identification number (số định danh cá nhân), `PPP G YY RRRRRR`.
///
/// The number has no check digit, so validation can only check its structure: the birth-registration
/// place code, the century/sex digit and the year digits. Typos in the random part are caught by a
/// look-up in the population register, not here.
public struct CitizenID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The twelve ASCII digits.
    public let value: String

    /// The 63 birth-registration province codes of the pre-2025 list (Circular 07/2016/TT-BCA).
    /// Numbers are permanent, so every old code stays valid after the 2025 merger.
    public static let provinceCodes: Set<Int> = [
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42,
        44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
        87, 89, 91, 92, 93, 94, 95, 96,
    ]

    /// Parses and structurally validates a number. Spaces and dots, as typed or printed, are ignored.
    public init(_ raw: String) throws(CitizenIDError) {
        let cleaned = raw.filter { $0 != " " && $0 != "." && $0 != "\u{00A0}" }
        guard cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw CitizenIDError(.nonDigit) }
        guard cleaned.count == 12 else { throw CitizenIDError(.wrongLength(cleaned.count)) }
        let place = Int(cleaned.prefix(3))!
        guard Self.provinceCodes.contains(place) || (101...295).contains(place) else {
            throw CitizenIDError(.unknownPlaceCode(String(cleaned.prefix(3))))
        }
        self.value = cleaned
    }

    /// Validates the number against the person's recorded sex and year of birth.
    public init(_ raw: String, sex: Sex, birthYear: Int) throws(CitizenIDError) {
        try self.init(raw)
        guard self.sex == sex else { throw CitizenIDError(.sexMismatch) }
        guard birthYear / 100 == self.birthCentury else { throw CitizenIDError(.centuryMismatch) }
        guard birthYear % 100 == self.birthYearDigits else { throw CitizenIDError(.birthYearMismatch) }
    }

    private func digits(_ range: Range<Int>) -> Int {
        let start = value.index(value.startIndex, offsetBy: range.lowerBound)
        let end = value.index(value.startIndex, offsetBy: range.upperBound)
        return Int(value[start..<end])!
    }

    /// Birth-registration place: a province code (1–96) or a country code (101–295).
    public var placeCode: Int { digits(0..<3) }
    /// Whether the birth was registered abroad.
    public var registeredAbroad: Bool { placeCode >= 101 }
    /// Sex encoded in the 4th digit: even male, odd female.
    public var sex: Sex { digits(3..<4) % 2 == 0 ? .male : .female }
    /// First two digits of the birth year (19 for 1900–1999, 20 for 2000–2099, …).
    public var birthCentury: Int { 19 + digits(3..<4) / 2 }
    /// Last two digits of the birth year.
    public var birthYearDigits: Int { digits(4..<6) }
    /// The full year of birth encoded in the number.
    public var birthYear: Int { birthCentury * 100 + birthYearDigits }
    /// The last four digits, used with a dossier code for the public status look-up.
    public var lastFour: String { String(value.suffix(4)) }

    /// A masked form for screens and logs that must not show the whole number.
    public var masked: String { String(value.prefix(3)) + "******" + lastFour }

    public var description: String { value }

    public static func < (lhs: CitizenID, rhs: CitizenID) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
