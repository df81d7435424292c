import Foundation
import Testing

@testable import MotCuaApp

@Suite("RFC 3339 date-times in the API")
struct RFC3339DateTranscoderTests {
    @Test("The hand-written whole-second format is Foundation's ISO 8601 format style, fractions and all, from 1970 to 9999")
    func matchesFoundation() throws {
        let transcoder = RFC3339DateTranscoder()
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [
            0, 0.999, 59.5, 86_399.999_9, 86_400, 951_782_400, 951_868_799.9, 1_709_164_800, 1_796_000_000.123_9,
            4_107_542_400, 253_402_300_799.9,
        ]
        let random = (0..<20_000).map { _ in TimeInterval.random(in: 0..<253_402_300_800, using: &generator) }
        for interval in edges + random {
            let date = Date(timeIntervalSince1970: interval)
            let text = try #require(RFC3339DateTranscoder.text(wholeSecondsOf: date))
            #expect(text == date.formatted(Date.ISO8601FormatStyle()), "\(interval)")
            #expect(try transcoder.encode(date) == text)
        }
    }

    @Test("Dates outside 1970 to 9999 are left to Foundation")
    func outsideTheFastRange() throws {
        for interval: TimeInterval in [-1, -86_400.5, -62_135_596_800, 253_402_300_800] {
            let date = Date(timeIntervalSince1970: interval)
            #expect(RFC3339DateTranscoder.text(wholeSecondsOf: date) == nil)
            #expect(try RFC3339DateTranscoder().encode(date) == date.formatted(Date.ISO8601FormatStyle()))
        }
    }
}
