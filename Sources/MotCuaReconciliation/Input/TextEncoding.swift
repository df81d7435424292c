import Foundation
import MotCuaDomain

/// The encodings besides UTF-8 that Vietnamese registers are saved in, converted to UTF-8 (NFC) when a file is read,
/// so that a whole file is not rejected row by row for its encoding:
/// - UTF-16 with a byte-order mark, as spreadsheets write "Unicode text" (tab-separated);
/// - Windows-1258, the Vietnamese Windows code page, when the file is not UTF-8 at all;
/// - TCVN3 (TCVN 5712:1993, the ".Vn" fonts of ABC), in which registers typed before Unicode were kept, when the file
///   is not UTF-8 and more than a tenth of its high bytes fall on A0–BF (symbols in Windows-1258, the commonest
///   letters in TCVN3: ă â ê ô ơ ư đ à ả á ạ).
///
/// - VNI (VNI-Windows, the fonts of the VNI keyboard), when the file is not UTF-8 and more than a fifth of its high bytes
///   are ones Vietnamese in Windows-1258 never uses (ø ï ñ û ö…), which VNI uses for its commonest marks and letters.
///
/// A UTF-8 file whose accented letters were once read as Windows-1252 and saved again ("Nguyá»…n") is repaired
/// (``Mojibake``).
enum TextEncoding {
    /// What ``utf8(_:)`` found.
    enum Outcome: Equatable {
        case utf8
        case converted(from: String)
        /// Not convertible: the reason, for the whole file.
        case refused(String)
    }

    /// How much of a file is inspected to tell UTF-8 from Windows-1258.
    static let sampleSize = 4 << 20

    /// The file's text as UTF-8, and what was done. UTF-8 (with or without a byte-order mark) is returned as it is;
    /// a UTF-8 file with a few broken rows stays UTF-8, and those rows are rejected where they are.
    static func utf8(_ bytes: [UInt8]) -> ([UInt8], Outcome) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let converted = fromUTF16(bytes, littleEndian: bytes[0] == 0xFF) else {
                return (bytes, .refused("the file starts as UTF-16 but is not valid UTF-16; save it as UTF-8"))
            }
            return (converted, .converted(from: "UTF-16"))
        }
        if isMostlyUTF8(bytes.prefix(sampleSize)) {
            let (repaired, runs) = Mojibake.repaired(bytes)
            return runs == 0 ? (bytes, .utf8) : (repaired, .converted(from: "UTF-8 once read as Windows-1252 (\(runs) places repaired)"))
        }
        let isTCVN3 = looksLikeTCVN3(bytes.prefix(sampleSize))
        if isTCVN3 { return (fromTCVN3(bytes), .converted(from: "TCVN3")) }
        if looksLikeVNI(bytes.prefix(sampleSize)) { return (fromVNI(bytes), .converted(from: "VNI")) }
        let table = windows1258
        var writer = ComposingWriter(capacity: bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                writer.append(UInt32(byte))
                continue
            }
            let value = table[Int(byte - 0x80)]
            guard value != 0 else {
                return (bytes, .refused("the file is neither UTF-8 nor Windows-1258 (byte 0x\(String(byte, radix: 16, uppercase: true)) is undefined there); save it as UTF-8"))
            }
            writer.append(value)
        }
        return (writer.finish(), .converted(from: "Windows-1258"))
    }

    /// UTF-8 (NFC) of TCVN3 text. TCVN3 has no code for most accented capitals: text typed in the capitals font
    /// (".VnTimeH") uses the small letters' codes, so "NGUYỄN" arrives as "NGUY" + ễ + "N". A word whose plain letters
    /// are all capitals has its accented letters put in capitals too; otherwise a small letter before a capital would
    /// read as two words.
    static func fromTCVN3(_ bytes: [UInt8]) -> [UInt8] {
        var writer = ComposingWriter(capacity: bytes.count + bytes.count / 2)
        var word: [UInt32] = []
        var capitals = false
        var small = false
        func flush() {
            for value in word {
                if capitals && !small, let scalar = Unicode.Scalar(value), scalar.properties.isLowercase,
                    let upper = scalar.properties.uppercaseMapping.unicodeScalars.first, scalar.properties.uppercaseMapping.unicodeScalars.count == 1
                {
                    writer.append(upper.value)
                } else {
                    writer.append(value)
                }
            }
            word.removeAll(keepingCapacity: true)
            capitals = false
            small = false
        }
        for byte in bytes {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let capitalInControls = tcvn3Controls[Int(byte & 0x1F)]
            if isUpper || isLower || byte >= 0x80 || byte < 0x20 && capitalInControls != 0 {
                capitals = capitals || isUpper
                small = small || isLower
                word.append(byte < 0x20 ? capitalInControls : byte < 0x80 ? UInt32(byte) : tcvn3[Int(byte - 0x80)])
            } else {
                flush()
                writer.append(UInt32(byte))
            }
        }
        flush()
        return writer.finish()
    }

    /// Whether text that is not UTF-8 is TCVN3 rather than Windows-1258: Vietnamese in Windows-1258 uses the letters and
    /// combining tones of C0–FF, while TCVN3 puts its commonest letters on A0–BF, which Windows-1258 reads as symbols
    /// (¨ © ª « ¬ µ ¶ ¸ ¹…). More than a tenth of the high bytes there is TCVN3.
    static func looksLikeTCVN3(_ bytes: ArraySlice<UInt8>) -> Bool {
        var symbols = 0
        var high = 0
        for byte in bytes where byte >= 0x80 {
            high += 1
            if byte >= 0xA0 && byte <= 0xBF { symbols += 1 }
        }
        return symbols * 10 > high
    }

    /// UTF-8 (NFC) of VNI text. VNI writes a letter as its base letter followed by one byte for its marks ("Nguyeãn":
    /// e then ã for circumflex and tilde), except ơ ư đ and the accented i and ỵ, which have a byte of their own.
    static func fromVNI(_ bytes: [UInt8]) -> [UInt8] {
        var writer = ComposingWriter(capacity: bytes.count + bytes.count / 2)
        for byte in bytes {
            guard byte >= 0x80 else {
                writer.append(UInt32(byte))
                continue
            }
            let (first, second) = vni[Int(byte - 0x80)]
            writer.append(first)
            if second != 0 { writer.append(second) }
        }
        return writer.finish()
    }

    /// The high bytes that Vietnamese in Windows-1258 never uses (ø ï ñ û ä ë ö å ü and their capitals) and VNI uses
    /// for its commonest marks and letters (grave, dot below, đ, hook, ư…).
    static let vniOnlyBytes: Set<UInt8> = [0xF8, 0xEF, 0xF1, 0xFB, 0xE4, 0xEB, 0xF6, 0xE5, 0xFC, 0xD8, 0xCF, 0xD1, 0xDB, 0xC4, 0xCB, 0xD6, 0xC5, 0xDC]

    /// Whether text that is neither UTF-8 nor TCVN3 is VNI rather than Windows-1258: more than a fifth of its high bytes
    /// are ``vniOnlyBytes``.
    static func looksLikeVNI(_ bytes: ArraySlice<UInt8>) -> Bool {
        var high = 0
        var vniOnly = 0
        for byte in bytes where byte >= 0x80 {
            high += 1
            if vniOnlyBytes.contains(byte) { vniOnly += 1 }
        }
        return vniOnly * 5 > high
    }

    /// VNI from 0x80 to 0xFF: one or two scalars per byte (0: none), the marks as combining marks composed afterwards.
    /// The small letters' marks are on E0–FF and the capitals' on C0–DF; bytes VNI does not use read as Windows-1252.
    static let vni: [(UInt32, UInt32)] = {
        var table = (0x80...0xFF).map { byte -> (UInt32, UInt32) in
            (byte < 0xA0 && windows1258[byte - 0x80] != 0 ? windows1258[byte - 0x80] : UInt32(byte), 0)
        }
        let circumflex: UInt32 = 0x0302
        let breve: UInt32 = 0x0306
        let marks: [UInt8: (UInt32, UInt32)] = [
            0xE0: (circumflex, 0x0300), 0xE1: (circumflex, 0x0301), 0xE2: (circumflex, 0), 0xE3: (circumflex, 0x0303),
            0xE4: (circumflex, 0x0323), 0xE5: (circumflex, 0x0309), 0xE8: (breve, 0x0300), 0xE9: (breve, 0x0301),
            0xEA: (breve, 0), 0xEB: (breve, 0x0323), 0xEF: (0x0323, 0), 0xF5: (0x0303, 0), 0xF8: (0x0300, 0),
            0xF9: (0x0301, 0), 0xFA: (breve, 0x0309), 0xFB: (0x0309, 0), 0xFC: (breve, 0x0303),
        ]
        // Letters with a byte of their own: small on E0–FF, capital 0x20 below.
        let letters: [UInt8: (small: UInt32, capital: UInt32)] = [
            0xE6: (0x1EC9, 0x1EC8), 0xEC: (0x00EC, 0x00CC), 0xED: (0x00ED, 0x00CD), 0xEE: (0x1EF5, 0x1EF4),
            0xF1: (0x0111, 0x0110), 0xF2: (0x1ECB, 0x1ECA), 0xF3: (0x0129, 0x0128), 0xF4: (0x01A1, 0x01A0),
            0xF6: (0x01B0, 0x01AF),
        ]
        for (byte, mark) in marks {
            table[Int(byte) - 0x80] = mark
            table[Int(byte) - 0xA0] = mark
        }
        for (byte, letter) in letters {
            table[Int(byte) - 0x80] = (letter.small, 0)
            table[Int(byte) - 0xA0] = (letter.capital, 0)
        }
        return table
    }()

    /// UTF-8 (NFC) of UTF-16 text after its byte-order mark, or nil for an odd length or an unpaired surrogate.
    static func fromUTF16(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var writer = ComposingWriter(capacity: bytes.count)
        func unit(_ index: Int) -> UInt32 {
            littleEndian ? UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 : UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
        }
        var index = 2
        while index < bytes.count {
            var value = unit(index)
            index += 2
            if (0xD800...0xDBFF).contains(value) {
                guard index < bytes.count, case let low = unit(index), (0xDC00...0xDFFF).contains(low) else { return nil }
                value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                index += 2
            } else if (0xDC00...0xDFFF).contains(value) {
                return nil
            }
            writer.append(value)
        }
        return writer.finish()
    }

    /// Writes scalars as UTF-8 and composes each line that holds a combining mark (NFC). Line by line, because
    /// Foundation's normalisation of one string of a whole file takes time quadratic in its length (minutes for a
    /// 30 MB register), and no composition crosses a line break; lines without a combining mark are composed already.
    struct ComposingWriter {
        private var output: [UInt8] = []
        private var lineStart = 0
        private var combining = false

        init(capacity: Int) { output.reserveCapacity(capacity) }

        mutating func append(_ value: UInt32) {
            switch value {
            case 0..<0x80:
                output.append(UInt8(value))
                if value == 0x0A { endLine() }
            case 0x80..<0x800:
                if (0x300...0x36F).contains(value) { combining = true }
                output.append(0xC0 | UInt8(value >> 6))
                output.append(0x80 | UInt8(value & 0x3F))
            case 0x800..<0x10000:
                output.append(0xE0 | UInt8(value >> 12))
                output.append(0x80 | UInt8(value >> 6 & 0x3F))
                output.append(0x80 | UInt8(value & 0x3F))
            default:
                output.append(0xF0 | UInt8(value >> 18))
                output.append(0x80 | UInt8(value >> 12 & 0x3F))
                output.append(0x80 | UInt8(value >> 6 & 0x3F))
                output.append(0x80 | UInt8(value & 0x3F))
            }
        }

        private mutating func endLine() {
            if combining {
                let line = String(decoding: output[lineStart...], as: UTF8.self).precomposedStringWithCanonicalMapping
                output.replaceSubrange(lineStart..., with: line.utf8)
                combining = false
            }
            lineStart = output.count
        }

        mutating func finish() -> [UInt8] {
            endLine()
            return output
        }
    }

    /// The ASCII characters of the start of a file, whatever its encoding, for finding its delimiter: UTF-16 code
    /// units above ASCII and bytes above 0x7F become 0x80.
    static func asciiView(_ head: Data) -> [UInt8] {
        let bytes = [UInt8](head)
        guard bytes.count >= 2, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) else { return bytes }
        let littleEndian = bytes[0] == 0xFF
        return stride(from: 2, to: bytes.count - 1, by: 2).map { index in
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            return high == 0 && low < 0x80 ? low : 0x80
        }
    }

    /// Whether the bytes are UTF-8: no invalid sequence, or more valid multi-byte letters than invalid sequences (a
    /// file with a stray byte here and there is still UTF-8, and its broken rows are reported where they are).
    /// Windows-1258 text almost never forms a valid sequence: its letters and tones (C0–FF) are not continuation bytes.
    static func isMostlyUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var valid = 0
        var invalid = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length == 0 || index + length > bytes.endIndex
                || !bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            {
                // A sequence cut by the end of the sample is not evidence either way.
                if index + length > bytes.endIndex && length > 0 { break }
                invalid += 1
                index += 1
            } else {
                valid += 1
                index += length
            }
        }
        return invalid == 0 || valid > invalid
    }

    /// TCVN3 (TCVN 5712:1993) from 0x80 to 0xFF, as the GNU C library's `TCVN5712-1` converter decodes each byte
    /// (`iconv -f TCVN5712-1`; `TextEncodingTests` checks it against that converter): lower-case letters from A8, the
    /// capitals Ă Â Ê Ô Ơ Ư Đ on A1–A7, accented capitals on 80–9F, combining tones on B0–B4.
    static let tcvn3: [UInt32] = [
        0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,
        0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,
        0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
        0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168,
        0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
        0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
        0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
        0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
        0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
        0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
        0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
        0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
        0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
        0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
        0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
        0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
    ]

    /// The accented capitals TCVN 5712 puts on control codes (Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ), by code 0x00–0x1F (0: a
    /// control code as in ASCII), as `iconv -f TCVN5712-1` decodes them. No CSV holds these controls otherwise.
    static let tcvn3Controls: [UInt32] = [
        0, 0x00DA, 0x1EE4, 0, 0x1EEA, 0x1EEC, 0x1EEE, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0x1EE8, 0x1EF0, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4, 0, 0, 0, 0, 0, 0, 0, 0,
    ]

    /// Windows-1258 from 0x80 to 0xFF (0: undefined), as Python's `cp1258` codec decodes it; the tones at CC, D2, DE,
    /// EC and F2 are combining marks, composed afterwards (NFC).
    static let windows1258: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0, 0x2039, 0x0152, 0, 0, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0, 0x203A, 0x0153, 0, 0, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
        0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
        0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
        0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
        0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
        0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
        0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
        0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
    ]
}
