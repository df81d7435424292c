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
}
