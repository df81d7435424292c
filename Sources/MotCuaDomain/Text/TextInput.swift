/// The characters free text may hold, wherever it comes from (API bodies, parameters, form fields).
///
/// Control characters have no place in names, references or notes: a NUL is cut off by C string APIs
/// (SQLite readers, which broke `audit verify`), is refused by PostgreSQL text columns (a 500), and makes
/// HTTP header values invalid (the registry connector); bidirectional overrides let a stored text display
/// differently from what it says. Line breaks and tabs are kept only where text is meant to span lines.
public enum TextInput {
    /// Whether text may span lines (notes, reasons, opinions, descriptions) or is one line (everything else).
    public enum Lines: Sendable {
        case single
        case multiple
    }

    /// The first character `text` may not hold, or `nil` when it is acceptable.
    public static func forbiddenScalar(in text: some StringProtocol, lines: Lines = .single) -> Unicode.Scalar? {
        text.unicodeScalars.first { !isAllowed($0, lines: lines) }
    }

    /// The same for a `String`, first on its UTF-8 bytes: every refused scalar is a byte below 0x20 or 0x7F, or
    /// starts with 0xC2 (C1 controls), 0xE2 (bidirectional controls, separators) or 0xEF (U+FFFE, U+FFFF), so text
    /// without those bytes (Vietnamese letters start with 0xC3–0xC6 or 0xE1) needs no decoding. Every body, form field
    /// and name goes through here, and the generic version, not specialised across modules, cost far more.
    public static func forbiddenScalar(in text: String, lines: Lines = .single) -> Unicode.Scalar? {
        var text = text
        let suspect = text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
        }
        return suspect ? text.unicodeScalars.first { !isAllowed($0, lines: lines) } : nil
    }

    /// The number of Unicode scalars (code points, as JSON Schema counts lengths), counted on the UTF-8 bytes.
    public static func scalarCount(of text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether one scalar is allowed.
    public static func isAllowed(_ scalar: Unicode.Scalar, lines: Lines = .single) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: lines == .multiple
        // C0 controls, DEL and C1 controls (Unicode general category Cc).
        case 0x00...0x1F, 0x7F...0x9F: false
        // Bidirectional embeddings, overrides and isolates; the line and paragraph separators.
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: false
        // Noncharacters and unpaired-surrogate replacements never carry meaning in administrative text.
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// A short, safe description of a refused scalar for error messages, e.g. `U+0000`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
