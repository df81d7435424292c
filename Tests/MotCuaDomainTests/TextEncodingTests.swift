import Foundation
import MotCuaDomain
import Testing

@Suite("Text encodings")
struct TextEncodingTests {
    @Test("A UUID's lower-case text is exactly Foundation's uuidString lower-cased")
    func uuidText() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercasedText == id.uuidString.lowercased())
        }
        #expect(UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255)).lowercasedText == "00010203-0405-0607-0809-0a0b0c0d0e0f".replacingOccurrences(of: "0f", with: "ff"))
    }

    @Test("Hex encodes every byte value as two lower-case digits")
    func hex() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.encode(bytes) == bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
    }

    @Test("A time-ordered UUID carries version 7, the RFC 9562 variant and the millisecond it was made in")
    func timeOrderedLayout() throws {
        let date = Date(timeIntervalSince1970: 1_796_000_000.123_9)
        for _ in 0..<1_000 {
            let id = UUID.timeOrdered(at: date)
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(milliseconds == 1_796_000_000_123)
            #expect(bytes[6] >> 4 == 7)
            #expect(bytes[8] >> 6 == 0b10)
            #expect(id.uuidString.lowercased() == id.lowercasedText)
        }
        #expect(Set((0..<1_000).map { _ in UUID.timeOrdered(at: date) }).count == 1_000)
    }

    @Test("Time-ordered UUIDs made in later milliseconds sort after earlier ones as stored text")
    func timeOrderedSorting() {
        // Half a millisecond into each millisecond, so that rounding cannot put two of them in the same one.
        let ids = (0..<2_000).map { UUID.timeOrdered(at: Date(timeIntervalSince1970: (1_780_000_000_000 + Double($0) + 0.5) / 1_000)) }
        let texts = ids.map(\.lowercasedText)
        #expect(texts == texts.sorted())
        #expect(UUID.timeOrdered(at: Date(timeIntervalSince1970: 0)).lowercasedText.hasPrefix("00000000-0000-7"))
    }

    @Test("nfc is Foundation's NFC for every scalar of its fast ranges and for decomposed and mixed text")
    func nfcMatchesFoundation() {
        let fast = (0x20..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
        for scalar in fast {
            let text = "a" + String(Character(scalar)) + "b"
            #expect(text.nfc.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
        let samples = [
            "Nguyễn Văn Thử", "Nguye\u{0302}\u{0303}n", "Tra\u{0300}n Thi\u{0323} Ba\u{0301}", "Đặng\u{0301}", "\u{212B}ngström",
            "\u{1EA0}\u{0306}", "e\u{0301}\u{0323}", "한국어", "\u{1100}\u{1161}", "", "Lê Thị Hồng Nhung", "\u{0340}",
        ]
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["a", "E", "ơ", "ư", "đ", "ễ", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{0306}", "\u{0302}", "\u{031B}", " "]
        let random = (0..<2_000).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 1...8, using: &generator)).map { _ in pool.randomElement(using: &generator)! }))
        }
        for text in samples + random {
            #expect(text.nfc.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("The byte-level check of a String refuses exactly the scalars the scalar-level check refuses, and counts scalars alike")
    func forbiddenScalarOnBytes() {
        // Every scalar near a refused range or sharing a lead byte with one, Vietnamese letters, and astral scalars.
        let ranges: [ClosedRange<UInt32>] = [
            0x00...0xFF, 0x1E00...0x1EFF, 0x2000...0x20FF, 0xD7F0...0xD7FF, 0xE000...0xE0FF, 0xF000...0xF0FF, 0xFE00...0xFFFF,
            0x1F1E6...0x1F1FF, 0x10FFF0...0x10FFFF,
        ]
        let alphabet = ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
        var random = SystemRandomNumberGenerator()
        var strings = alphabet.map { String(Character($0)) }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
            strings.append(String(text))
        }
        for text in strings {
            for lines in [TextInput.Lines.single, .multiple] {
                #expect(TextInput.forbiddenScalar(in: text, lines: lines) == TextInput.forbiddenScalar(in: text[...], lines: lines))
            }
            #expect(TextInput.scalarCount(of: text) == text.unicodeScalars.count)
        }
    }
}
