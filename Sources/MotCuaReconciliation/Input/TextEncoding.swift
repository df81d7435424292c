import Foundation

/// The encodings besides UTF-8 that Vietnamese registers are saved in, converted to UTF-8 (NFC) when a file is read,
/// so that a whole file is not rejected row by row for its encoding:
/// - UTF-16 with a byte-order mark, as spreadsheets write "Unicode text" (tab-separated);
/// - Windows-1258, the Vietnamese Windows code page, when the file is not UTF-8 at all.
///
/// TCVN3 (ABC) and VNI fonts put letters on byte values that Windows-1258 reads as symbols; such a file is refused
/// as a whole with the reason, since no maintained conversion table for them is at hand (domain.md §4.3 marks it
/// unverified).
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
        guard !isMostlyUTF8(bytes.prefix(sampleSize)) else { return (bytes, .utf8) }
        var writer = ComposingWriter(capacity: bytes.count + bytes.count / 4)
        var symbols = 0
        var letters = 0
        for byte in bytes {
            if byte < 0x80 {
                writer.append(UInt32(byte))
                continue
            }
            let value = windows1258[Int(byte - 0x80)]
            guard value != 0 else {
                return (bytes, .refused("the file is neither UTF-8 nor Windows-1258 (byte 0x\(String(byte, radix: 16, uppercase: true)) is undefined there); save it as UTF-8"))
            }
            if (0x80...0xBF).contains(byte) { symbols += 1 } else { letters += 1 }
            writer.append(value)
        }
        // Vietnamese in Windows-1258 uses the letters and combining tones of C0–FF; TCVN3 and VNI put their letters
        // on A1–BF and elsewhere, which Windows-1258 reads as symbols (¸ µ ¶ ©…).
        if symbols * 10 > letters + symbols {
            return (bytes, .refused("the file is not UTF-8 and reads as symbols in Windows-1258 (TCVN3 or VNI?); convert it to Unicode (UTF-8)"))
        }
        return (writer.finish(), .converted(from: "Windows-1258"))
    }

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
