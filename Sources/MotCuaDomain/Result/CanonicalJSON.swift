import Foundation

/// A JSON value in the platform's canonical form, the exact bytes that a result's signature covers.
///
/// The form follows RFC 8785 (JSON Canonicalization Scheme) restricted to the values a result record needs:
/// - object members sorted by their keys compared as UTF-16 code units, each key once;
/// - no whitespace outside strings;
/// - strings (keys included) normalised to Unicode NFC, escaped only where JSON requires it: `"` and `\` with a
///   backslash, U+0008/0009/000A/000C/000D as `\b \t \n \f \r`, other control characters below U+0020 as
///   `\u00xx` with lowercase hex; every other character is written as its UTF-8 bytes;
/// - numbers are integers within ±(2⁵³−1), written in decimal without leading zeros, sign only when negative
///   (so every JSON implementation reads them exactly; there are no fractions or exponents);
/// - `true`, `false`, `null` and arrays in their given order.
public indirect enum CanonicalJSON: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// The largest magnitude an integer may have: beyond it, IEEE-754 doubles (JavaScript, many JSON readers)
    /// no longer represent every integer exactly.
    public static let maximumSafeInteger: Int64 = 9_007_199_254_740_991

    /// The canonical UTF-8 bytes.
    public func serialized() throws(CanonicalJSONError) -> Data {
        var output = Data()
        try write(into: &output)
        return output
    }

    private func write(into output: inout Data) throws(CanonicalJSONError) {
        switch self {
        case .string(let text):
            Self.writeString(text, into: &output)
        case .integer(let value):
            guard (-Self.maximumSafeInteger...Self.maximumSafeInteger).contains(value) else {
                throw CanonicalJSONError(.integerOutOfRange(value))
            }
            output.append(contentsOf: String(value).utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            // Sort on the NFC form that is written. Keys are unique after normalisation because Swift
            // compares and hashes strings by canonical equivalence, so a dictionary cannot hold two keys
            // that differ only in normalisation.
            var normalised = members.map { key, value in
                let nfc = key.precomposedStringWithCanonicalMapping
                return (key: nfc, utf16: Array(nfc.utf16), value: value)
            }
            normalised.sort { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in normalised.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                try member.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into output: inout Data) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.precomposedStringWithCanonicalMapping.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Why a value has no canonical form.
public struct CanonicalJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case integerOutOfRange(Int64)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .integerOutOfRange(let value):
            "Số nguyên \(value) vượt quá ±(2⁵³−1) / integer \(value) is outside ±(2⁵³−1)"
        }
    }
}
