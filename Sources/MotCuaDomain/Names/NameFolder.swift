/// Reusable scratch state that folds one name at a time into its folded and spelling keys
/// (see ``NameFolding``), without allocating once its buffers have grown.
///
/// Token boundaries are kept for both keys, so callers can take the surname (first token), the given
/// name (last token) and the middle names (everything between) without splitting strings. A capital letter
/// right after a small one starts a new word: a scanner or a typist that lost the space ("NguyễnThị Uyên")
/// leaves that boundary, and Vietnamese words never have a capital inside.
public struct NameFolder: Sendable {
    /// The folded key of the last name folded: lowercase ASCII, single spaces.
    public private(set) var folded: [UInt8] = []
    /// The spelling key of the last name folded.
    public private(set) var spelling: [UInt8] = []
    /// Token ranges in ``folded``.
    public private(set) var foldedTokens: [Range<Int>] = []
    /// Token ranges in ``spelling``; same count and order as ``foldedTokens``.
    public private(set) var spellingTokens: [Range<Int>] = []

    public init() {}

    /// Folds UTF-8 bytes. Throws with the byte offset of the first invalid UTF-8 sequence.
    public mutating func fold(_ bytes: UnsafeBufferPointer<UInt8>) throws(NameFoldingError) {
        folded.removeAll(keepingCapacity: true)
        spelling.removeAll(keepingCapacity: true)
        foldedTokens.removeAll(keepingCapacity: true)
        spellingTokens.removeAll(keepingCapacity: true)
        var inToken = false
        var lastWasLetter = false
        var lastWasSmall = false
        var tone: UInt8 = 0
        var foldedStart = 0
        var spellingStart = 0
        let table = NameFolding.table
        var index = 0
        let count = bytes.count

        @inline(__always) func beginToken() {
            if !folded.isEmpty {
                folded.append(0x20)
                spelling.append(0x20)
            }
            foldedStart = folded.count
            spellingStart = spelling.count
            inToken = true
        }
        @inline(__always) func endToken() {
            guard inToken else { return }
            if tone != 0 { spelling.append(0x30 + tone) }
            foldedTokens.append(foldedStart..<folded.count)
            spellingTokens.append(spellingStart..<spelling.count)
            inToken = false
            tone = 0
        }

        while index < count {
            let lead = bytes[index]
            var value: UInt32
            var length: Int
            if lead < 0x80 {
                value = UInt32(lead)
                length = 1
            } else {
                (value, length) = try Self.decode(bytes, at: index)
            }
            let info = value < NameFolding.tableLimit ? table[Int(value)] : NameFolding.beyondTable(value)
            switch info.kind {
            case 1:
                let capital = Self.isCapital(value)
                if inToken && capital && lastWasSmall { endToken() }
                lastWasSmall = !capital && value >= 0x61
                if !inToken { beginToken() }
                folded.append(info.base)
                spelling.append(info.base)
                if info.quality != 0 { spelling.append(info.quality) }
                if info.tone != 0 { tone = info.tone }
                lastWasLetter = true
            case 2:
                // A combining mark (NFD input) modifies the letter just written.
                if inToken && lastWasLetter {
                    if info.quality != 0 { spelling.append(info.quality) }
                    if info.tone != 0 { tone = info.tone }
                }
            case 3:
                endToken()
                lastWasLetter = false
                lastWasSmall = false
            default:
                // Letters outside Vietnamese (CJK, Cyrillic…) are kept verbatim in both keys.
                if !inToken { beginToken() }
                for offset in 0..<length {
                    folded.append(bytes[index + offset])
                    spelling.append(bytes[index + offset])
                }
                lastWasLetter = false
                lastWasSmall = false
            }
            index += length
        }
        endToken()
    }

    /// Whether a letter is a capital, for the letters Vietnamese names use: ASCII, Latin-1, Ă Đ Ĩ Ũ (even code points
    /// of Latin Extended-A), Ơ Ư, and the precomposed Vietnamese letters (even code points of U+1EA0–U+1EF9).
    @inline(__always)
    static func isCapital(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A: true
        case 0xC0...0xDE: value != 0xD7
        case 0x100...0x17F: value % 2 == 0
        case 0x1A0, 0x1AF: true
        case 0x1EA0...0x1EF9: value % 2 == 0
        default: false
        }
    }

    /// The offset in `bytes` (the text last folded) of the scalar that wrote folded byte `count` (spaces between words
    /// not counted), or `bytes.count` past the last: where to cut or join the text to move a word boundary.
    public func rawOffset(ofFoldedByte count: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            var value = UInt32(lead)
            var length = 1
            if lead >= 0x80 {
                guard let decoded = try? Self.decode(bytes, at: index) else { return bytes.count }
                (value, length) = decoded
            }
            let info = value < NameFolding.tableLimit ? NameFolding.table[Int(value)] : NameFolding.beyondTable(value)
            let adds = info.kind == 1 ? 1 : info.kind == 2 || info.kind == 3 ? 0 : length
            if adds > 0 && written >= count { return index }
            written += adds
            index += length
        }
        return bytes.count
    }

    /// Folds a Swift string.
    public mutating func fold(_ string: String) {
        var copy = string
        // A String always holds valid UTF-8, so folding cannot fail.
        copy.withUTF8 { buffer in try? fold(buffer) }
    }

    /// Decodes one multi-byte UTF-8 sequence, rejecting overlong forms, surrogates and truncation.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(NameFoldingError) -> (UInt32, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: throw NameFoldingError(byteOffset: index)
        }
        guard index + length <= bytes.count else { throw NameFoldingError(byteOffset: index) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { throw NameFoldingError(byteOffset: index) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
            throw NameFoldingError(byteOffset: index)
        }
        return (value, length)
    }
}

/// A name's bytes were not valid UTF-8.
public struct NameFoldingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte of the invalid sequence, from the start of the name.
    public let byteOffset: Int

    public init(byteOffset: Int) { self.byteOffset = byteOffset }

    public var description: String { "invalid UTF-8 at byte \(byteOffset) of the name" }
}
