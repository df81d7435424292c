import Foundation
import MotCuaDomain

/// Base64url without padding that accepts only the one encoding it would produce itself, so two different
/// strings never decode to the same bytes: a changed character in a JWS always changes what is verified.
enum Base64URLStrict {
    static func encode(_ data: Data) -> String { Base64URL.encode(data) }

    static func decode(_ text: some StringProtocol) -> Data? {
        let text = String(text)
        guard text.utf8.allSatisfy({ byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }), let data = Base64URL.decode(text), Base64URL.encode(data) == text
        else { return nil }
        return data
    }
}
