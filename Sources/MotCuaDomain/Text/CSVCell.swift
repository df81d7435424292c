/// One cell of a CSV file the platform writes (RFC 4180), safe to open in a spreadsheet.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
/// LibreOffice, and cells come from other agencies' files and officials' free text: such a cell gets a
/// leading `'`, which spreadsheets show as text (OWASP "CSV injection"). Plain numbers such as `-0.50` are
/// left alone. Cells holding a delimiter, a quote or a line break are quoted, with quotes doubled.
public enum CSVCell {
    /// The cell as it goes into the file.
    public static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the encoded cell, for writers that build files as bytes. (One pass over contiguous bytes, copied in
    /// one piece unless a quote must be doubled: findings files write millions of long evidence cells.)
    public static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(bytes: $0, to: &out) }
    }

    /// ``append(_:to:)`` for a cell already held as UTF-8 bytes.
    public static func append(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let first = utf8.first else { return }
        var needsQuotes = false
        var hasQuote = false
        for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            if byte == 0x22 {
                hasQuote = true
                break
            }
        }
        if needsQuotes { out.append(0x22) }
        if isFormulaStart(first) && !isPlainNumber(utf8) { out.append(0x27) }
        if hasQuote {
            for byte in utf8 {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
        } else {
            out.append(contentsOf: utf8)
        }
        if needsQuotes { out.append(0x22) }
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    @inline(__always)
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }

    /// An optional sign, digits and at most one decimal point: a number, never a formula.
    static func isPlainNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var points = 0
        for (index, byte) in utf8.enumerated() {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2E: points += 1
            case 0x2B where index == 0, 0x2D where index == 0: continue
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }
}
