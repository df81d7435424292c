import Foundation
import MotCuaDomain

/// The words of the register's names, with how many people use each, for repairing the spaces in a source name that a
/// scanner or a typist lost ("VĂNTRỌNG", "Hoàng VănTrọng" in one case) or added ("Tr ọng", "Ng uyễn").
///
/// A source name is changed only when one of its words is not a word of the register: two neighbouring words are
/// joined when the joined word is one (and one of them is not), and an unknown word is split in two when both halves
/// are. Names whose words the register knows are never touched, so a rare name costs nothing, and a word that is only a
/// typo is left to the name comparison (neither halves nor neighbours make register words of it).
///
/// It also puts back in order a name written given name first ("Trọng Hoàng Văn", "Văn Trọng Hoàng"): see
/// ``reordered(_:raw:)``.
struct NameVocabulary: Sendable {
    /// Packed folded words (``NameKeys/pack(_:_:)``) and their number of uses as surname, middle or given name.
    private let counts: [UInt64: Int32]
    /// Uses as a surname and as a given name.
    private let surnames: [UInt64: Int32]
    private let givens: [UInt64: Int32]
    /// Uses a word needs before a join or split may produce it: a word seen once may be a typo in the register.
    static let minimumUses: Int32 = 2

    /// Counts the words of the register's names, a share of the register per task (at 3.5 million people, a second
    /// on one core before the source could be read).
    init(_ people: [RegisterPerson], parallelism: Int) async {
        let parts = await Reconciler.parallelMap(count: people.count, parallelism: parallelism, chunksPerWorker: 1) { range in
            var counts: [UInt64: Int32] = [:]
            var surnames: [UInt64: Int32] = [:]
            var givens: [UInt64: Int32] = [:]
            counts.reserveCapacity(1 << 14)
            // A packed word with the top bit set is a hash of a word too long to pack, not a word: never a repair.
            @inline(__always) func isWord(_ word: UInt64) -> Bool { word != 0 && word >> 63 == 0 }
            for index in range {
                let name = people[index].name
                if isWord(name.surname) {
                    counts[name.surname, default: 0] += 1
                    surnames[name.surname, default: 0] += 1
                }
                if isWord(name.middle) { counts[name.middle, default: 0] += 1 }
                if isWord(name.given) {
                    counts[name.given, default: 0] += 1
                    givens[name.given, default: 0] += 1
                }
            }
            return (counts, surnames, givens)
        }
        var merged = parts.first ?? ([:], [:], [:])
        for part in parts.dropFirst() {
            merged.0.merge(part.0, uniquingKeysWith: +)
            merged.1.merge(part.1, uniquingKeysWith: +)
            merged.2.merge(part.2, uniquingKeysWith: +)
        }
        (counts, surnames, givens) = merged
    }

    /// For tests: word counts, and the uses of some of them as surname and as given name.
    init(words: [String: Int32], surnames: [String: Int32] = [:], givens: [String: Int32] = [:]) {
        func packed(_ words: [String: Int32]) -> [UInt64: Int32] { Dictionary(uniqueKeysWithValues: words.map { (NameKeys.pack($0.key), $0.value) }) }
        counts = packed(words)
        self.surnames = packed(surnames)
        self.givens = packed(givens)
    }

    /// The text of the name `folder` has just folded from `raw` with its words in the register's order, family name
    /// first, when it was written given name first; nil otherwise. Only a name whose first word the register knows as a
    /// given or middle name and almost never (under 1 %) as a family name is considered. Of the three usual Western
    /// orders, family name last ("Văn Trọng Hoàng"), given name first ("Trọng Hoàng Văn") and all reversed ("Trọng Văn
    /// Hoàng"), the one taken puts first a word the register uses as a family name at least a fifth of the time and last
    /// one it uses as a given name, the most common such pair winning. Minority surnames the register knows are family
    /// names there, so they are never moved; nor is a first word one slip from a family name ("Trầm" for Trần).
    func reordered(_ folder: NameFolder, raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let tokens = folder.foldedTokens
        guard tokens.count >= 2 && tokens.count <= 5 else { return nil }
        func surnameShare(_ word: UInt64) -> Double {
            let all = uses(word)
            return all == 0 ? 0 : Double(surnames[word] ?? 0) / Double(all)
        }
        // The first word alone decides for nearly every name, without allocating.
        let firstWord = folder.folded.withUnsafeBufferPointer { NameKeys.pack($0, tokens[0]) }
        guard uses(firstWord) >= Self.minimumUses, surnameShare(firstWord) < 0.01,
            !isOneEditFromASurname(Array(folder.folded[tokens[0]]))
        else { return nil }
        let words = folder.folded.withUnsafeBufferPointer { folded in tokens.map { NameKeys.pack(folded, $0) } }
        let count = words.count
        var orders = [[count - 1] + Array(0..<(count - 1))]
        if count >= 3 { orders += [Array(1..<count) + [0], Array((0..<count).reversed())] }
        var best: (order: [Int], weight: Double)?
        for order in orders {
            let first = words[order[0]]
            let last = words[order[count - 1]]
            let asSurname = surnames[first] ?? 0
            let asGiven = givens[last] ?? 0
            guard surnameShare(first) >= 0.2, asSurname >= Self.minimumUses, asGiven >= Self.minimumUses else { continue }
            let weight = log2(Double(asSurname)) + log2(Double(asGiven))
            if weight > best?.weight ?? -.infinity { best = (order, weight) }
        }
        guard let order = best?.order else { return nil }
        // The raw words, split at blanks, are moved as they are; only when they are the folded words one to one.
        let rawWords = raw.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        guard rawWords.count == count else { return nil }
        return Array(order.map { Array(rawWords[$0]) }.joined(separator: [0x20]))
    }

    private func uses(_ word: UInt64) -> Int32 { word >> 63 == 0 ? counts[word] ?? 0 : 0 }

    /// The text of the name `folder` has just folded from `raw`, with one space added or removed; nil when its words
    /// need no repair. The caller folds the new text again (and may ask again: a name can have two such slips).
    func respaced(_ folder: NameFolder, raw: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let step = nextRepair(folder) else { return nil }
        let lengths = folder.foldedTokens.map(\.count)
        switch step {
        case .split(let index, let letters):
            let cut = folder.rawOffset(ofFoldedByte: lengths[..<index].reduce(0, +) + letters, in: raw)
            guard cut > 0 && cut < raw.count else { return nil }
            return Array(raw[..<cut]) + [0x20] + Array(raw[cut...])
        case .join(let index):
            let next = folder.rawOffset(ofFoldedByte: lengths[...index].reduce(0, +), in: raw)
            var start = next
            // The blanks or punctuation between the two words; a boundary without any (a capital inside a word) stays.
            while start > 0, case let byte = raw[start - 1], byte < 0x80,
                !(byte >= 0x30 && byte <= 0x39 || byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            {
                start -= 1
            }
            // A period ends an initial ("Trần T. Hiền" is not "Trần Thiền").
            guard start < next, !raw[start..<next].contains(UInt8(ascii: ".")) else { return nil }
            return Array(raw[..<start]) + Array(raw[next...])
        }
    }

    enum Repair: Equatable {
        case join(Int)
        case split(Int, letters: Int)
    }

    func nextRepair(_ folder: NameFolder) -> Repair? {
        folder.folded.withUnsafeBufferPointer { folded -> Repair? in
            let tokens = folder.foldedTokens
            // Every word known, nearly every name: nothing to allocate.
            guard tokens.contains(where: { uses(NameKeys.pack(folded, $0)) == 0 }) else { return nil }
            let known = tokens.map { uses(NameKeys.pack(folded, $0)) > 0 }
            for index in 0..<max(0, tokens.count - 1) where !known[index] || !known[index + 1] {
                let joined = tokens[index].lowerBound..<tokens[index + 1].upperBound
                if joined.count - 1 <= 8 && uses(Self.packSkippingSpace(folded, joined)) >= Self.minimumUses {
                    return .join(index)
                }
            }
            var best: (repair: Repair, uses: Int32)?
            for (index, range) in tokens.enumerated() where !known[index] && range.count >= 4 && range.count <= 16
                && !isOneEditFromAWord(Array(folded[range]))
            {
                for letters in 2...(range.count - 2) {
                    let first = uses(NameKeys.pack(folded, range.lowerBound..<range.lowerBound + letters))
                    let second = uses(NameKeys.pack(folded, range.lowerBound + letters..<range.upperBound))
                    let weaker = min(first, second)
                    if weaker >= Self.minimumUses && weaker > best?.uses ?? 0 { best = (.split(index, letters: letters), weaker) }
                }
            }
            return best?.repair
        }
    }

    /// Whether one typing slip (a letter dropped, doubled or changed, two swapped, one added) turns a word into a word
    /// of the register: "thuuy", "taho" and "phhuc" are slips for Thuỷ, Thảo and Phúc, not two words run together
    /// ("thu uy", "ta ho"), even though their halves are words.
    func isOneEditFromAWord(_ word: [UInt8]) -> Bool {
        isOneEdit(from: word) { uses($0) >= Self.minimumUses }
    }

    /// Whether one typing slip turns a word into a family name at least twenty times as common ("Trầm", "Dưng" for Trần,
    /// Dương): such a first word is a misspelt family name, not a given name written first. A common given name one
    /// slip from a family name (Lan, Lâm) is not one.
    func isOneEditFromASurname(_ word: [UInt8]) -> Bool {
        let own = word.count <= 8 ? word.withUnsafeBufferPointer { uses(NameKeys.pack($0, 0..<$0.count)) } : 0
        return isOneEdit(from: word) { other in
            let asSurname = surnames[other] ?? 0
            return asSurname >= Self.minimumUses && asSurname >= 20 * own && Double(asSurname) >= 0.2 * Double(uses(other))
        }
    }

    private func isOneEdit(from word: [UInt8], to isTarget: (UInt64) -> Bool) -> Bool {
        guard word.count <= 9 else { return false }
        var candidate = word
        func known(_ bytes: [UInt8]) -> Bool {
            bytes.count <= 8 && bytes.withUnsafeBufferPointer { isTarget(NameKeys.pack($0, 0..<$0.count)) }
        }
        for index in word.indices {
            candidate.remove(at: index)
            if known(candidate) { return true }
            candidate.insert(word[index], at: index)
        }
        for index in word.indices.dropLast() {
            candidate.swapAt(index, index + 1)
            if known(candidate) { return true }
            candidate.swapAt(index, index + 1)
        }
        for letter in UInt8(ascii: "a")...UInt8(ascii: "z") {
            for index in word.indices where word[index] != letter {
                candidate[index] = letter
                if known(candidate) { return true }
                candidate[index] = word[index]
            }
            for index in 0...word.count {
                candidate.insert(letter, at: index)
                if known(candidate) { return true }
                candidate.remove(at: index)
            }
        }
        return false
    }

    /// The packed word of a range of folded bytes with the space inside it left out.
    private static func packSkippingSpace(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var value: UInt64 = 0
        for index in range.reversed() where buffer[index] != 0x20 { value = value << 8 | UInt64(buffer[index]) }
        return value
    }
}
