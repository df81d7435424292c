import Foundation
import MotCuaDomain
import Testing

@Suite struct CanonicalJSONTests {
    @Test("members are sorted by UTF-16 code units and written without whitespace")
    func sortsMembers() throws {
        let value = CanonicalJSON.object([
            "b": .integer(2), "a": .array([.bool(true), .null, .integer(-7)]), "\u{20AC}": .string("x"), "\r": .string("y"),
        ])
        #expect(String(decoding: try value.serialized(), as: UTF8.self) == "{\"\\r\":\"y\",\"a\":[true,null,-7],\"b\":2,\"€\":\"x\"}")
    }

    @Test("keys outside the Basic Multilingual Plane sort by their UTF-16 surrogates, as RFC 8785 requires")
    func sortsByUTF16() throws {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB01 although its scalar value is larger.
        let value = CanonicalJSON.object(["\u{FB01}": .integer(1), "\u{1F600}": .integer(2)])
        #expect(String(decoding: try value.serialized(), as: UTF8.self) == "{\"\u{1F600}\":2,\"\u{FB01}\":1}")
    }

    @Test("strings are normalised to NFC and escaped only where JSON requires")
    func normalisesStrings() throws {
        // "Nguyễn" in decomposed form (e + combining circumflex + combining tilde).
        let decomposed = "Nguye\u{0302}\u{0303}n"
        let text = String(decoding: try CanonicalJSON.string(decomposed + "\"\\\u{01}\t/").serialized(), as: UTF8.self)
        #expect(text == "\"Nguyễn\\\"\\\\\\u0001\\t/\"")
        #expect(Array(text.utf8) == Array("\"Nguyễn\\\"\\\\\\u0001\\t/\"".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("integers beyond ±(2^53−1) are refused")
    func refusesUnrepresentable() throws {
        #expect(throws: CanonicalJSONError(.integerOutOfRange(9_007_199_254_740_992))) {
            try CanonicalJSON.integer(9_007_199_254_740_992).serialized()
        }
        #expect(throws: CanonicalJSONError(.integerOutOfRange(-9_007_199_254_740_992))) {
            try CanonicalJSON.array([.integer(-9_007_199_254_740_992)]).serialized()
        }
        #expect(String(decoding: try CanonicalJSON.integer(-9_007_199_254_740_991).serialized(), as: UTF8.self) == "-9007199254740991")
    }

    @Test("a key in decomposed form is written and sorted in NFC")
    func normalisesKeys() throws {
        let value = CanonicalJSON.object(["e\u{0301}": .integer(1), "f": .integer(2)])
        #expect(String(decoding: try value.serialized(), as: UTF8.self) == "{\"f\":2,\"\u{00E9}\":1}")
    }
}
