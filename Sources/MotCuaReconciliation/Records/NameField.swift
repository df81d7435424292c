/// The person's name within a name field as land and civil-status books write it: a leading form of address
/// ("Ông", "Bà", "Hộ ông", "Ông/Bà") is not part of the name, nor is what follows the first holder ("… và bà
/// Trần Thị B", "…; …", "… & …", "…, …") or an alias in parentheses ("Nguyễn Văn An (Tý)"). A comma after the first
/// word is the "surname, given names" form ("Hoàng, Văn Trọng") and stays.
///
/// "Ông" is also a rare surname (Ông Ích Khiêm), so a form of address is dropped only while at least three
/// words remain: "Ông Nguyễn Văn An" loses it, "Ông Ích Khiêm" keeps it.
enum NameField {
    /// The byte range of the name within `range` of `bytes`.
    static func nameRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        var index = range.lowerBound
        while index < end {
            let byte = bytes[index]
            if byte == 0x28 || byte == 0x3B || byte == 0x26 || byte == 0x2C {  // ( ; & ,
                // "Hoàng, Văn Trọng": a comma after a single word is the "surname, given names" form, not a second holder.
                if byte == 0x2C, words(bytes, range.lowerBound..<index) == 1, words(bytes, index + 1..<end) >= 1 {
                    index += 1
                    continue
                }
                end = index
                break
            }
            // " và " in any case: 76/56, then C3 A0 (à) or C3 80 (À).
            if byte == 0x20, index + 4 < end, bytes[index + 1] | 0x20 == 0x76, bytes[index + 2] == 0xC3,
                bytes[index + 3] == 0xA0 || bytes[index + 3] == 0x80, bytes[index + 4] == 0x20 {
                end = index
                break
            }
            index += 1
        }
        var start = range.lowerBound
        var household = false
        for _ in 0..<4 {
            while start < end && bytes[start] == 0x20 { start += 1 }
            var space = start
            while space < end && bytes[space] != 0x20 { space += 1 }
            guard space < end, words(bytes, space..<end) >= 3 else { break }
            let token = Array(bytes[start..<space])
            // "Hộ gia đình ông …": after "hộ", the words "gia đình" belong to the form of address too.
            guard formsOfAddress.contains(token) || household && householdWords.contains(token) else { break }
            household = household || householdStart.contains(token)
            start = space
        }
        while start < end && bytes[start] == 0x20 { start += 1 }
        return start..<end
    }

    private static func words(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var inWord = false
        for index in range {
            let space = bytes[index] == 0x20
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// "ông", "bà", "hộ", "ông/bà", "bà/ông" in lower, title or upper case (NFC).
    private static let formsOfAddress = casings(["ông", "bà", "hộ", "ông/bà", "bà/ông", "Ông/Bà", "Bà/Ông"])
    private static let householdStart = casings(["hộ"])
    private static let householdWords = casings(["gia", "đình"])

    private static func casings(_ words: [String]) -> Set<[UInt8]> {
        Set(words.flatMap { word in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()].map { Array($0.utf8) } })
    }
}

extension NameField {
    /// The name with the digits a scanner reads for letters put back in words that also have letters, or nil when it
    /// has no digit (names have none):
    /// `0` → o, `5` → s, `8` and `6` → b, `9` → g, and `1` → l at the start of a word (where Vietnamese has l and
    /// never i) and i inside one ("M1nh", "Ma1"). The letter takes the case of its word ("H0ÀNG" → "HOÀNG"): a small
    /// letter before a capital would split the word in two (``NameFolder`` reads "KiÊN" as two words).
    static func undoingDigitConfusions(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        @inline(__always) func isInWord(_ byte: UInt8) -> Bool { byte >= 0x80 || isDigit(byte) || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard bytes.contains(where: isDigit) else { return nil }
        var result = Array(bytes)
        var wordStart = 0
        for index in result.indices {
            if !isInWord(bytes[index]) { wordStart = index + 1 }
            guard isDigit(bytes[index]) else { continue }
            var wordEnd = index
            while wordEnd < bytes.count && isInWord(bytes[wordEnd]) { wordEnd += 1 }
            // A word of digits alone ("An 2", "SN 1990") is a number someone wrote, not letters misread.
            guard bytes[wordStart..<wordEnd].contains(where: { !isDigit($0) }) else { continue }
            // Rare (names have no digits), so decoding the word is cheap enough.
            let small = String(decoding: bytes[wordStart..<wordEnd], as: UTF8.self).unicodeScalars.contains { $0.properties.isLowercase }
            let letter: UInt8? =
                switch bytes[index] {
                case 0x30: 0x6F
                case 0x35: 0x73
                case 0x36, 0x38: 0x62
                case 0x39: 0x67
                case 0x31: index > wordStart ? 0x69 : 0x6C
                default: nil
                }
            if let letter { result[index] = small ? letter : letter - 0x20 }
        }
        return result
    }
}
