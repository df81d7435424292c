import Foundation
import MotCuaDomain
import OpenAPIRuntime

/// RFC 3339 date-times for the generated API code: accepts them with or without fractional seconds (both are
/// valid RFC 3339; the runtime's default rejects fractions) and writes them without, as before.
struct RFC3339DateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        Self.text(wholeSecondsOf: date) ?? date.formatted(Self.whole)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, as `Date.ISO8601FormatStyle()` writes it (fractions of a second dropped), for
    /// the years 1970 to 9999; nil otherwise. Every dossier answer carries a dozen dates, and the format style's
    /// general machinery was a two-hundredth of the server's processor time under the receipt benchmark.
    static func text(wholeSecondsOf date: Date) -> String? {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < 253_402_300_800 else { return nil }  // 1970-01-01 to 9999-12-31
        let seconds = Int(interval.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let civil = LocalDate(daysSinceEpoch: days)
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(civil.year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(civil.month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(civil.day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3_600, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
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
