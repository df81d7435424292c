import Foundation
import OpenAPIRuntime

/// RFC 3339 date-times for the generated API code: accepts them with or without fractional seconds (both are
/// valid RFC 3339; the runtime's default rejects fractions) and writes them without, as before.
struct RFC3339DateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        date.formatted(Self.whole)
    }

    func decode(_ text: String) throws -> Date {
        guard let date = Self.date(from: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "Expected an RFC 3339 date-time, e.g. 2026-11-30T09:00:00Z."))
        }
        return date
    }

    /// The instant `text` names, or `nil` when it is not an RFC 3339 date-time.
    static func date(from text: String) -> Date? {
        // The cheap shape check keeps absurd inputs away from the parsers.
        guard (20...40).contains(text.utf8.count) else { return nil }
        return (try? Date(text, strategy: whole)) ?? (try? Date(text, strategy: fractional))
    }

    private static let whole = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
