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
