import MotCuaDomain

/// The integer keys of one name, computed once per row so the matching loop never touches strings.
///
/// Surnames and given names are single syllables of at most seven letters when folded, so they are
/// packed as up to eight ASCII bytes: equality is one comparison and an edit distance can still be
/// taken; so is a middle name of one word. Longer tokens and middle names of several words are hashed
/// (FNV-1a, top bit set so they never equal a packed token).
struct NameKeys: Sendable, Hashable {
    var surname: UInt64 = 0
    var given: UInt64 = 0
    var middle: UInt64 = 0
    var surnameSpelling: UInt64 = 0
    var givenSpelling: UInt64 = 0
    var middleSpelling: UInt64 = 0
    /// Hash of the whole spelling key: equal exactly when the names are the same name.
    var fullSpelling: UInt64 = 0
    /// For a three-word name, the middle word as a given name and the given name as a middle name: equal to
    /// another name's given and middle when the two are swapped ("Nguyễn Anh Văn").
    var middleAsGiven: UInt64 = 0
    var givenAsMiddle: UInt64 = 0

    var isEmpty: Bool { surname == 0 }

    init() {}

    /// Keys from a folder that has just folded a name.
    init(_ folder: NameFolder) {
        let tokens = folder.foldedTokens
        guard !tokens.isEmpty else { return }
        let spellingTokens = folder.spellingTokens
        folder.folded.withUnsafeBufferPointer { folded in
            folder.spelling.withUnsafeBufferPointer { spelling in
                surname = Self.pack(folded, tokens[0])
                surnameSpelling = Self.hash(spelling, spellingTokens[0])
                fullSpelling = Self.hash(spelling, 0..<spelling.count)
                if tokens.count >= 2 {
                    given = Self.pack(folded, tokens[tokens.count - 1])
                    givenSpelling = Self.hash(spelling, spellingTokens[spellingTokens.count - 1])
                }
                if tokens.count == 3 {
                    // One middle word is packed like a given name, so a typo in it can be told from another name.
                    middle = Self.pack(folded, tokens[1])
                    middleAsGiven = middle
                    givenAsMiddle = Self.pack(folded, tokens[2])
                }
                if tokens.count > 3 {
                    middle = Self.hash(folded, tokens[1].lowerBound..<tokens[tokens.count - 2].upperBound)
                }
                if tokens.count >= 3 {
                    middleSpelling = Self.hash(spelling, spellingTokens[1].lowerBound..<spellingTokens[tokens.count - 2].upperBound)
                }
            }
        }
    }

    /// Packs a token of up to eight bytes; longer ones are hashed.
    static func pack(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        guard range.count <= 8 else { return hash(buffer, range) }
        var value: UInt64 = 0
        for index in range.reversed() { value = value << 8 | UInt64(buffer[index]) }
        return value
    }

    /// Packs a folded token given as a string (generator and tests).
    static func pack(_ token: String) -> UInt64 {
        var bytes = Array(token.utf8)
        return bytes.withUnsafeMutableBufferPointer { pack(UnsafeBufferPointer($0), 0..<$0.count) }
    }

    static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(buffer[index])) &* 0x0000_0100_0000_01B3
        }
        return hash | (1 << 63)
    }

    /// The bytes of a packed token, or `nil` for a hashed one.
    static func unpack(_ value: UInt64) -> [UInt8]? {
        guard value & (1 << 63) == 0 else { return nil }
        var bytes: [UInt8] = []
        var rest = value
        while rest != 0 {
            bytes.append(UInt8(rest & 0xFF))
            rest >>= 8
        }
        return bytes
    }

    /// Whether two packed tokens are within one edit (insertion, deletion, substitution or swap), counting a
    /// scanner's misreading of `m` as `rn` or of `d` as `cl` as one edit ("Narn" for "Nam").
    /// Works on the packed bytes directly: this runs for most candidate pairs, so it must not allocate.
    @inline(__always)
    static func withinOneEdit(_ lhs: UInt64, _ rhs: UInt64) -> Bool {
        guard lhs != rhs, (lhs | rhs) & (1 << 63) == 0 else { return false }
        let countA = (64 - lhs.leadingZeroBitCount + 7) / 8
        let countB = (64 - rhs.leadingZeroBitCount + 7) / 8
        guard min(countA, countB) >= 2, abs(countA - countB) <= 1 else { return false }
        @inline(__always) func byte(_ value: UInt64, _ index: Int) -> UInt64 { (value >> (UInt64(index) * 8)) & 0xFF }
        if countA == countB {
            let difference = lhs ^ rhs
            var first = -1
            var second = -1
            for index in 0..<countA where (difference >> (UInt64(index) * 8)) & 0xFF != 0 {
                if first < 0 { first = index } else if second < 0 { second = index } else { return false }
            }
            if second < 0 { return true }
            return second == first + 1 && byte(lhs, first) == byte(rhs, second) && byte(lhs, second) == byte(rhs, first)
        }
        let (short, long, shortCount) = countA < countB ? (lhs, rhs, countA) : (rhs, lhs, countB)
        var skipped = false
        var i = 0
        var j = 0
        while i < shortCount {
            if byte(short, i) == byte(long, j) {
                i += 1
                j += 1
            } else if skipped {
                return false
            } else if isScannerPair(byte(short, i), byte(long, j), byte(long, j + 1)) {
                // The two letters stand for the one: the rest must agree exactly.
                return short >> (UInt64(i + 1) * 8) == long >> (UInt64(j + 2) * 8)
            } else {
                skipped = true
                j += 1
            }
        }
        return true
    }

    /// Whether `initial` is a one-letter packed token and `word` a packed word of two or more letters starting with it.
    @inline(__always)
    static func isInitial(_ initial: UInt64, of word: UInt64) -> Bool {
        initial != 0 && initial < 0x100 && word >= 0x100 && word & (1 << 63) == 0 && word & 0xFF == initial
    }

    /// `m` read as `rn`, `d` as `cl`: the letter pairs an optical reader confuses with one letter.
    @inline(__always)
    static func isScannerPair(_ one: UInt64, _ first: UInt64, _ second: UInt64) -> Bool {
        one == 0x6D && first == 0x72 && second == 0x6E || one == 0x64 && first == 0x63 && second == 0x6C
    }

    /// Whether `record` is `other` with given and middle name swapped.
    @inline(__always)
    static func isSwapped(_ record: NameKeys, given: UInt64, middle: UInt64) -> Bool {
        record.middleAsGiven != 0 && record.middleAsGiven == given && record.givenAsMiddle == middle
    }

    /// Whether two packed surnames are a regional pair (Hoàng/Huỳnh, Vũ/Võ).
    static func isRegionalSurnamePair(_ lhs: UInt64, _ rhs: UInt64) -> Bool {
        let pair = lhs < rhs ? (lhs, rhs) : (rhs, lhs)
        return regionalPairs.contains { $0 == pair }
    }

    private static let regionalPairs: [(UInt64, UInt64)] = NameAgreement.regionalSurnamePairs.map { pair in
        let a = pack(pair[0])
        let b = pack(pair[1])
        return a < b ? (a, b) : (b, a)
    }
}
