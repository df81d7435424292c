import MotCuaDomain

/// A field of an otherwise well-formed row is unusable; `field` is its 0-based index.
struct FieldError: Error, Sendable {
    let field: Int
    let message: String
}

/// Byte-level parsers for the typed fields, shared by the register and source loaders.
enum FieldParsing {
    /// Birth-registration codes allowed in position 1–3 (domain.md §1.3), as a lookup table.
    static let validPlaceCodes: [Bool] = (0..<1000).map { CitizenID.provinceCodes.contains($0) || (101...295).contains($0) }

    /// Digits of an ID with spaces and dots removed; throws on any other character.
    static func digits(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> (UInt64, Int) {
        var value: UInt64 = 0
        var count = 0
        for index in slice.start..<slice.end {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 {
                count += 1
                if count <= 18 { value = value * 10 + UInt64(byte - 0x30) }
            } else if byte != 0x20 && byte != 0x2E {
                throw FieldError(field: field, message: "an ID may contain only digits (found '\(printable(byte))')")
            }
        }
        return (value, count)
    }

    /// Whether a 12-digit number passes the structural rules (place code).
    static func isStructurallyValid(_ id: UInt64) -> Bool { validPlaceCodes[Int(id / 1_000_000_000)] }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
    }

    static func date(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> Int32 {
        guard let date = PackedDate.parse(buffer, slice) else {
            let text = String(decoding: buffer[slice.start..<min(slice.end, slice.start + 40)], as: UTF8.self)
            throw FieldError(field: field, message: "invalid date '\(text)' (expected YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, DD.MM.YYYY or YYYY)")
        }
        return date
    }

    static func commune(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        for index in slice.start..<slice.end {
            let byte = buffer[index]
            guard byte >= 0x30 && byte <= 0x39, count < 9 else {
                throw FieldError(field: field, message: "a commune code has up to 9 digits")
            }
            value = value * 10 + UInt32(byte - 0x30)
            count += 1
        }
        return value
    }

    /// A field's lowercased, trimmed text packed like a name token, for comparing enumerations
    /// without allocating (values longer than eight bytes are hashed).
    static func word(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice) -> UInt64 {
        var start = slice.start
        var end = slice.end
        while start < end && buffer[start] == 0x20 { start += 1 }
        while end > start && buffer[end - 1] == 0x20 { end -= 1 }
        guard end - start <= 8 else { return NameKeys.hash(buffer, start..<end) }
        var value: UInt64 = 0
        for index in (start..<end).reversed() {
            let byte = buffer[index]
            value = value << 8 | UInt64(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
        }
        return value
    }

    static func word(_ text: String) -> UInt64 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { word(UnsafeBufferPointer($0), FieldSlice(start: 0, end: $0.count, escaped: false)) }
    }

    private static let maleWords: Set<UInt64> = Set(["male", "m", "nam"].map(word))
    private static let femaleWords: Set<UInt64> = Set(["female", "f", "nu", "nữ", "n\u{1EEF}", "N\u{1EEE}"].map(word))
    private static let maritalWords: [UInt64] = Code.maritalNames.map(word)
    private static let eventWords: [UInt64] = Code.eventNames.map(word)
    private static let aliveWord = word("alive")
    private static let deceasedWords: Set<UInt64> = Set(["deceased", "dead"].map(word))

    static func sex(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt8 {
        let word = word(buffer, slice)
        if word == 0 { return 0 }
        if maleWords.contains(word) { return Code.male }
        if femaleWords.contains(word) { return Code.female }
        throw FieldError(field: field, message: "sex must be male/female (or Nam/Nữ)")
    }

    static func maritalStatus(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt8 {
        let word = word(buffer, slice)
        if word == 0 { return 0 }
        if let index = maritalWords.firstIndex(of: word) { return UInt8(index) }
        throw FieldError(field: field, message: "marital status must be single, married, divorced or widowed")
    }

    static func vitalStatus(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt8 {
        let word = word(buffer, slice)
        if word == 0 { return 0 }
        if word == aliveWord { return Code.alive }
        if deceasedWords.contains(word) { return Code.deceased }
        throw FieldError(field: field, message: "vital status must be alive or deceased")
    }

    static func eventType(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt8 {
        let word = word(buffer, slice)
        if word == 0 { return 0 }
        if let index = eventWords.firstIndex(of: word) { return UInt8(index) }
        throw FieldError(field: field, message: "event type must be birth, marriage, divorce or death")
    }
}
