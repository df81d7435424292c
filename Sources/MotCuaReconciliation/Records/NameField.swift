/// The person's name within a name field as land and civil-status books write it: a leading form of address
/// ("Ông", "Bà", "Hộ ông", "Ông/Bà") is not part of the name, nor is what follows the first holder ("… và bà
/// Trần Thị B", "…; …", "… & …") or an alias in parentheses ("Nguyễn Văn An (Tý)").
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
