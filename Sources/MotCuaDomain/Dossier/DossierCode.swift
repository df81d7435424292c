/// A dossier number per Circular 01/2018/TT-VPCP art. 19: `{agency identifier}-{yyMMdd}-{sequence:0000}`.
///
/// Since 1 Jul 2025 the one-stop rules are Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP; whether they
/// changed this format could not be checked, so the 2018 format is kept (Resources/legal/one-stop-rules.json).
///
/// The sequence counts the dossiers the receiving unit took in that day, so it restarts at 1 each day
/// and is at most 9,999.
public struct DossierCode: Sendable, Hashable, CustomStringConvertible {
    public let agencyIdentifier: String
    public let date: LocalDate
    public let sequence: Int

    /// The largest sequence the 4-digit format can hold.
    public static let maximumSequence = 9_999

    public init(agencyIdentifier: String, date: LocalDate, sequence: Int) {
        precondition((1...Self.maximumSequence).contains(sequence), "sequence out of range")
        self.agencyIdentifier = agencyIdentifier
        self.date = date
        self.sequence = sequence
    }

    /// Parses a printed code; returns nil for anything that is not in the art. 19 shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].count <= 35,
            parts[0].allSatisfy({ $0 == "." || ($0.isASCII && ($0.isNumber || $0.isUppercase)) }),
            parts[1].count == 6, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[2].count == 4, let sequence = Int(parts[2]), sequence >= 1
        else { return nil }
        let digits = Array(parts[1]).map { Int(String($0))! }
        guard
            let date = LocalDate(
                year: 2000 + digits[0] * 10 + digits[1], month: digits[2] * 10 + digits[3], day: digits[4] * 10 + digits[5])
        else { return nil }
        self.init(agencyIdentifier: String(parts[0]), date: date, sequence: sequence)
    }

    public var description: String {
        let yy = date.year % 100
        return agencyIdentifier + "-" + Self.pad(yy, 2) + Self.pad(date.month, 2) + Self.pad(date.day, 2) + "-"
            + Self.pad(sequence, 4)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
