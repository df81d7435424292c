import Foundation
import MotCuaDomain

/// Base64url without padding that accepts only the one encoding it would produce itself, so two different
/// strings never decode to the same bytes: a changed character in a JWS always changes what is verified.
///
/// Decoding is written out over the UTF-8 bytes (no intermediate strings): it is on the path of every public
/// verification, and the canonical check is then a property of the loop (unused trailing bits must be zero,
/// and a length of 1 mod 4 cannot occur) instead of a re-encoding.
enum Base64URLStrict {
    static func encode(_ data: Data) -> String { Base64URL.encode(data) }

    static func decode(_ text: some StringProtocol) -> Data? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 != 1 else { return nil }
        var output = Data()
        output.reserveCapacity(bytes.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            guard let value = sextet(byte) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        // Leftover bits (2 or 4) must be zero, or another string would decode to the same bytes.
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
