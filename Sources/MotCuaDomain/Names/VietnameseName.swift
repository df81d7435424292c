import Foundation

/// A Vietnamese personal name with its display form and its matching keys (domain.md §4.3–4.4).
///
/// The display form keeps the citizen's own spelling, including old-style tone placement, but in NFC,
/// with the look-alike Ð/ð replaced by Đ/đ and whitespace collapsed. The keys are for comparison only.
public struct VietnameseName: Sendable, Hashable, CustomStringConvertible {
    /// NFC, single-spaced, look-alikes replaced; original case and tone placement kept.
    public let display: String
    /// Diacritic-, case- and đ-insensitive key, e.g. `"nguyen van duc"`.
    public let matchingKey: String
    /// Diacritic-sensitive, tone-placement-insensitive key (see ``NameFolding``).
    public let spellingKey: String
    /// Folded tokens: surname first, given name last.
    public let matchingTokens: [String]
    /// Spelling-key tokens, aligned with ``matchingTokens``.
    public let spellingTokens: [String]
    /// Display tokens, aligned with ``matchingTokens``.
    public let displayTokens: [String]

    /// Normalises a name as typed, scanned or imported.
    public init(_ raw: String) {
        // Look-alikes first: U+00D0 lowercases to ð, not đ, so later steps would keep them apart (§4.3).
        let replaced = String(String.UnicodeScalarView(raw.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0x00D0: Unicode.Scalar(0x0110)!
            case 0x00F0: Unicode.Scalar(0x0111)!
            default: scalar
            }
        }))
        let tokens = replaced.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .map(String.init)
        display = tokens.joined(separator: " ")
        var folder = NameFolder()
        folder.fold(display)
        let folded = folder.folded
        let spelling = folder.spelling
        matchingKey = String(decoding: folded, as: UTF8.self)
        spellingKey = String(decoding: spelling, as: UTF8.self)
        matchingTokens = folder.foldedTokens.map { String(decoding: folded[$0], as: UTF8.self) }
        spellingTokens = folder.spellingTokens.map { String(decoding: spelling[$0], as: UTF8.self) }
        // Punctuation can split a display token into several key tokens; fall back to key tokens then.
        displayTokens = tokens.count == matchingTokens.count ? tokens : matchingTokens
    }

    /// The family name (họ): the first token. Double surnames are kept in ``middleNames``.
    public var surname: String? { displayTokens.first }
    /// The given name (tên): the last token, when there are at least two.
    public var givenName: String? { displayTokens.count >= 2 ? displayTokens.last : nil }
    /// Everything between surname and given name (tên đệm), possibly empty.
    public var middleNames: [String] { displayTokens.count > 2 ? Array(displayTokens[1..<(displayTokens.count - 1)]) : [] }

    /// Title case for display, e.g. from ALL CAPS scans; never used for legal output.
    public var titleCased: String { display.lowercased().capitalized }

    public var description: String { display }

    /// Names are equal when their spelling keys are: NFC/NFD, case, spacing and tone placement do not count.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.spellingKey == rhs.spellingKey }

    public func hash(into hasher: inout Hasher) { hasher.combine(spellingKey) }
}
