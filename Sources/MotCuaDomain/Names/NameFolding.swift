import Foundation

/// Byte-level folding of Vietnamese names into matching keys, fast enough for millions of rows.
///
/// Foundation's diacritic folding is correct but costs microseconds per name and leaves `đ`/`Đ` alone
/// (domain.md §4.4). This folder decodes UTF-8 itself and looks every scalar up in a table that is built
/// once, from Foundation's own canonical decompositions, so both paths agree by construction.
///
/// It produces two keys per name:
/// - the **folded key**: lowercase ASCII letters, one space between tokens (`"nguyen van duc"`);
///   `đ`, `Đ` and the look-alikes `ð`, `Ð` all become `d`, every diacritic and the case are dropped;
/// - the **spelling key**: the same letters plus vowel-quality and stroke markers (`^` circumflex,
///   `(` breve, `+` horn, `-` stroke on d) and the tone as one digit at the end of each syllable
///   (`1` grave, `2` acute, `3` hook, `4` tilde, `5` dot below). It separates names that differ in their
///   letters (Lê/Lệ, Đào/Dao) but equates NFC/NFD forms and old/new tone placement (Hoà/Hòa, Qúy/Quý).
public enum NameFolding {
    /// Marker bytes written into spelling keys after a letter.
    static let circumflexMarker = UInt8(ascii: "^")
    static let breveMarker = UInt8(ascii: "(")
    static let hornMarker = UInt8(ascii: "+")
    static let strokeMarker = UInt8(ascii: "-")

    /// What a scalar contributes to a key.
    struct ScalarInfo: Sendable {
        /// 0: other (copied verbatim), 1: letter, 2: combining mark.
        var kind: UInt8
        /// Lowercase ASCII base letter, for kind 1.
        var base: UInt8
        /// Marker byte for a vowel quality or a stroke, or 0.
        var quality: UInt8
        /// Tone digit 1–5, or 0.
        var tone: UInt8
    }

    /// Highest scalar value covered by the table: the end of Latin Extended Additional (Vietnamese).
    static let tableLimit: UInt32 = 0x1F00

    /// The scalar table, indexed by scalar value. Built from Foundation's decompositions at first use.
    static let table: [ScalarInfo] = buildTable()

    private static func toneDigit(ofMark value: UInt32) -> UInt8 {
        switch value {
        case 0x0300, 0x0340: 1  // grave (huyền)
        case 0x0301, 0x0341: 2  // acute (sắc)
        case 0x0309: 3  // hook above (hỏi)
        case 0x0303: 4  // tilde (ngã)
        case 0x0323: 5  // dot below (nặng)
        default: 0
        }
    }

    private static func qualityMarker(ofMark value: UInt32) -> UInt8 {
        switch value {
        case 0x0302: circumflexMarker
        case 0x0306: breveMarker
        case 0x031B: hornMarker
        default: 0
        }
    }

    /// Scalars past the table: the Unicode spaces separate tokens (en/em spaces, narrow no-break space, ideographic
    /// space), the zero-width ones (copied from web pages into spreadsheets) are ignored as if absent; anything
    /// else is kept verbatim.
    static func beyondTable(_ value: UInt32) -> ScalarInfo {
        switch value {
        case 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: ScalarInfo(kind: 3, base: 0, quality: 0, tone: 0)
        case 0x200B...0x200D, 0x2060, 0xFEFF: ScalarInfo(kind: 2, base: 0, quality: 0, tone: 0)
        default: ScalarInfo(kind: 0, base: 0, quality: 0, tone: 0)
        }
    }

    private static func buildTable() -> [ScalarInfo] {
        var table = [ScalarInfo](repeating: ScalarInfo(kind: 0, base: 0, quality: 0, tone: 0), count: Int(tableLimit))
        for value in UInt32(0)..<0x80 {
            let byte = UInt8(value)
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                table[Int(value)] = ScalarInfo(kind: 1, base: byte, quality: 0, tone: 0)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                table[Int(value)] = ScalarInfo(kind: 1, base: byte + 32, quality: 0, tone: 0)
            default:
                // Spaces and punctuation separate tokens; kind 3 marks them.
                table[Int(value)] = ScalarInfo(kind: 3, base: 0, quality: 0, tone: 0)
            }
        }
        // Whitespace and punctuation in the Latin-1 block also separate tokens (no-break space).
        table[0xA0] = ScalarInfo(kind: 3, base: 0, quality: 0, tone: 0)
        for value in UInt32(0x0300)..<0x0370 {
            table[Int(value)] = ScalarInfo(
                kind: 2, base: 0, quality: qualityMarker(ofMark: value), tone: toneDigit(ofMark: value))
        }
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
                guard let first = decomposed.first, first.isASCII, first.properties.isAlphabetic else { continue }
                var info = ScalarInfo(kind: 1, base: UInt8(first.value) | 0x20, quality: 0, tone: 0)
                for mark in decomposed.dropFirst() {
                    let quality = qualityMarker(ofMark: mark.value)
                    if quality != 0 { info.quality = quality }
                    let tone = toneDigit(ofMark: mark.value)
                    if tone != 0 { info.tone = tone }
                }
                table[Int(value)] = info
            }
        }
        // Đ/đ have no canonical decomposition, so Foundation never folds them (§4.4); the Icelandic eth
        // Ð/ð is the usual look-alike typed in their place (§4.3). All four are d with a stroke.
        for value: UInt32 in [0x0110, 0x0111, 0x00D0, 0x00F0] {
            table[Int(value)] = ScalarInfo(kind: 1, base: UInt8(ascii: "d"), quality: strokeMarker, tone: 0)
        }
        return table
    }
}
