/// An old 9-digit identity-card number (chứng minh nhân dân), still found in land and insurance records.
public struct LegacyID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    /// Parses a 9-digit number; spaces and dots are ignored.
    public init?(_ raw: String) {
        let cleaned = raw.filter { $0 != " " && $0 != "." }
        guard cleaned.count == 9, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.value = cleaned
    }

    public var description: String { value }
}
