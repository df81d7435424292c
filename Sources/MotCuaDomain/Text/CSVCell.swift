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

    /// Appends the encoded cell, for writers that build files as bytes.
    public static func append(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        let neutralise = utf8.first.map { formulaStarts.contains($0) } == true && !isPlainNumber(utf8)
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes { out.append(0x22) }
        if neutralise { out.append(0x27) }
        if needsQuotes {
            for byte in utf8 {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// An optional sign, digits and at most one decimal point: a number, never a formula.
    static func isPlainNumber(_ utf8: String.UTF8View) -> Bool {
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
