import Foundation
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

    /// Digits of an ID, and how many there are. Spaces, dots and hyphens between digit groups are dropped, as is
    /// a spreadsheet's leading apostrophe or a label set off by a colon or a blank ("CCCD: 027…", "Số 027…");
    /// any other character throws. A field without a single digit ("không có", "N/A", "-") has none: 0 digits.
    static func digits(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> (UInt64, Int) {
        var value: UInt64 = 0
        var count = 0
        var start = slice.start
        var firstDigit = slice.start
        while firstDigit < slice.end && !(buffer[firstDigit] >= 0x30 && buffer[firstDigit] <= 0x39) { firstDigit += 1 }
        if firstDigit == slice.end { return (0, 0) }
        if firstDigit > start {
            // Before the first digit: blanks, an apostrophe, or a label that ends in a colon or a blank.
            let prefix = buffer[start..<firstDigit]
            let label = prefix.contains { $0 != 0x20 && $0 != 0x27 && $0 != 0x09 && $0 != 0xC2 && $0 != 0xA0 }
            if label && !(buffer[firstDigit - 1] == 0x20 || buffer[firstDigit - 1] == 0x3A || buffer[firstDigit - 1] == 0xA0) {
                throw FieldError(field: field, message: "an ID may contain only digits (found '\(printable(buffer[firstDigit - 1]))')")
            }
            start = firstDigit
        }
        var end = slice.end
        while end > start && (buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09) { end -= 1 }
        if let number = spreadsheetNumber(buffer, start..<end, field: field) { return try number.get() }
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 {
                count += 1
                if count <= 18 { value = value * 10 + UInt64(byte - 0x30) }
            } else if byte == 0xC2 && index + 1 < end && buffer[index + 1] == 0xA0 {
                // A no-break space, as spreadsheets group digits in formatted cells.
                index += 1
            } else if byte != 0x20 && byte != 0x2E && byte != 0x2D {
                throw FieldError(field: field, message: "an ID may contain only digits (found '\(printable(byte))')")
            }
            index += 1
        }
        return (value, count)
    }

    /// An ID a spreadsheet wrote as a number: with a zero fraction (`27090000123.0`, `27090000123,00`: the fraction is
    /// dropped; a group of three digits after a separator is a thousands group and not taken for one), or in
    /// scientific notation (`2.7090000123E+10`: exact when the mantissa holds every digit; `2.70900E+10` has lost
    /// digits and throws). Nil when the field is neither.
    static func spreadsheetNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, field: Int) -> Result<(UInt64, Int), FieldError>? {
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let bytes = buffer[range]
        guard let separator = bytes.firstIndex(where: { !isDigit($0) }), separator > range.lowerBound else { return nil }
        let integer = bytes[range.lowerBound..<separator]
        func value(_ digits: some Collection<UInt8>) -> UInt64 { digits.reduce(0) { $0 * 10 + UInt64($1 - 0x30) } }
        if buffer[separator] == 0x2E || buffer[separator] == 0x2C {
            let fraction = bytes[(separator + 1)...]
            if (1...2).contains(fraction.count), fraction.allSatisfy({ $0 == 0x30 }), integer.count <= 18 {
                return .success((value(integer), integer.count))
            }
        }
        // d[.ddd]E[+]nn
        guard integer.count == 1 else { return nil }
        var index = separator
        var mantissa = Array(integer)
        if buffer[index] == 0x2E || buffer[index] == 0x2C {
            index += 1
            while index < range.upperBound && isDigit(buffer[index]) {
                mantissa.append(buffer[index])
                index += 1
            }
        }
        guard index < range.upperBound, buffer[index] | 0x20 == 0x65 else { return nil }
        index += 1
        if index < range.upperBound && buffer[index] == 0x2B { index += 1 }
        let exponentDigits = buffer[index..<range.upperBound]
        guard (1...2).contains(exponentDigits.count), exponentDigits.allSatisfy(isDigit) else { return nil }
        let exponent = Int(value(exponentDigits))
        // Exact only when the mantissa shows every digit of the number; fewer digits were rounded away (the zeros the
        // notation stands for could as well be any digits).
        guard mantissa.count == exponent + 1, exponent <= 17 else {
            return .failure(FieldError(field: field, message: "an ID in scientific notation has lost digits (a spreadsheet cell formatted as a number)"))
        }
        return .success((value(mantissa), exponent + 1))
    }

    /// The digit a letter stands for when a scanner or a typist confused them (`O`/`D`/`Q` for 0, `I`/`l`/`|` for 1,
    /// `Z` for 2, `S` for 5, `G`/`b` for 6, `T` for 7, `B` for 8, `g`/`q` for 9), or nil.
    static func confusedDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x4F, 0x6F, 0x44, 0x51: 0x30
        case 0x49, 0x6C, 0x7C, 0x69: 0x31
        case 0x5A, 0x7A: 0x32
        case 0x53, 0x73: 0x35
        case 0x47, 0x62: 0x36
        case 0x54: 0x37
        case 0x42: 0x38
        case 0x67, 0x71: 0x39
        default: nil
        }
    }

    /// The field's bytes with each confused letter that touches a digit (or a letter already read as one) replaced by
    /// that digit: `O27l9OO12345` → `027190012345`, `l5/O7/199O` → `15/07/1990`. Letters of words (`CCCD:`, `ngày`,
    /// `tháng`) touch no digit and stay. With `throughout` (an ID, where no word follows the number), every confused
    /// letter after the first digit is one too (`O27 O9O OOO l23`). Nil when nothing was replaced.
    static func undoingConfusions(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, throughout: Bool = false) -> [UInt8]? {
        var bytes = Array(buffer[slice.start..<slice.end])
        var changed = false
        var inNumber = false
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        for index in bytes.indices {
            if isDigit(bytes[index]) { inNumber = true }
            guard let digit = confusedDigit(bytes[index]) else { continue }
            let before = index > 0 && isDigit(bytes[index - 1])
            var after = false
            var next = index + 1
            // A run of confused letters before a digit (`OO12`) is read as digits too.
            while next < bytes.count, !after {
                if isDigit(bytes[next]) { after = true } else if confusedDigit(bytes[next]) == nil { break }
                next += 1
            }
            if before || after || throughout && inNumber {
                bytes[index] = digit
                changed = true
                inNumber = true
            }
        }
        return changed ? bytes : nil
    }

    /// What a source's ID field holds. Each reading is tried in turn: the field as written; the field with scanner
    /// confusions undone (``undoingConfusions(_:_:)``); and otherwise the row keeps no ID (`.unreadable`, and the
    /// finding quotes the field). 12 digits are a citizen ID (`.invalid` when the place code is not one), 9 an old
    /// ID; 10 or 11 digits that are a valid ID once zero-padded, and 8, lost their leading zeros in a spreadsheet.
    /// No digit, or zeros only, is how systems write "no ID".
    /// `digits` and `raw` are the number as read (the last reading that gave digits, even an unreadable one) and
    /// how many digits it had: ``NearIDEvidence`` searches an ID with a digit too many or too few by them.
    static func sourceID(
        _ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int
    ) -> (kind: SourceRecord.IDKind, id: UInt64, raw: UInt64, digits: Int) {
        func classify(_ value: UInt64, _ count: Int) -> (kind: SourceRecord.IDKind, id: UInt64, raw: UInt64, digits: Int)? {
            if value == 0 { return (.none, 0, 0, 0) }
            switch count {
            case 12: return (isStructurallyValid(value) ? .citizen : .invalid, value, value, count)
            case 9: return (.legacy, value, value, count)
            // Only a number that starts with a non-zero digit lost its zeros (`0271920004` lost a digit instead).
            case 8 where value >= 10_000_000: return (.legacy, value, value, count)
            case 10...11 where isStructurallyValid(value) && value >= (count == 10 ? 1_000_000_000 : 10_000_000_000):
                return (.citizen, value, value, count)
            default: return nil
            }
        }
        var unreadable: (kind: SourceRecord.IDKind, id: UInt64, raw: UInt64, digits: Int) = (.unreadable, 0, 0, 0)
        if let (value, count) = try? digits(buffer, slice, field: field) {
            if let reading = classify(value, count) { return reading }
            if count <= 18 { unreadable = (.unreadable, 0, value, count) }
        }
        if let bytes = undoingConfusions(buffer, slice, throughout: true),
            let (value, count) = bytes.withUnsafeBufferPointer({ try? digits($0, FieldSlice(start: 0, end: $0.count, escaped: false), field: field) })
        {
            if let reading = classify(value, count) { return reading }
            if count <= 18 { unreadable = (.unreadable, 0, value, count) }
        }
        return unreadable
    }

    /// Whether a 12-digit number passes the structural rules (place code).
    static func isStructurallyValid(_ id: UInt64) -> Bool { validPlaceCodes[Int(id / 1_000_000_000)] }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
    }

    /// A date as scanned registers damage it, read for what can be trusted, and whether it was damaged: the date
    /// itself; else the date with confused letters read as digits (`l5/O7/199O`); else a two-digit year with one
    /// possible century; else the date in a form other systems write (``LenientDate``); else the year alone when the
    /// text holds exactly one four-digit year (`31/02/1990`, `15/07/1990?`); else missing. The row is kept either
    /// way: an unreadable date is one field of evidence less, never a reason to lose the record.
    static func salvagedDate(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice) -> (date: Int32, damaged: Bool) {
        if let date = PackedDate.parse(buffer, slice) { return (date, false) }
        if let bytes = undoingConfusions(buffer, slice) {
            let date = bytes.withUnsafeBufferPointer { PackedDate.parse($0, FieldSlice(start: 0, end: $0.count, escaped: false)) }
            if let date { return (date, false) }
        }
        if let date = twoDigitYear(buffer, slice) { return (date, true) }
        if let date = LenientDate.parse(buffer, slice) { return (date, false) }
        var year: Int32 = 0
        var years = 0
        var run = 0
        var value: Int32 = 0
        for index in slice.start...slice.end {
            let byte = index < slice.end ? buffer[index] : 0
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                value = run <= 5 ? value * 10 + Int32(byte - 0x30) : value
            } else {
                if run == 4 && (1800...2200).contains(value) {
                    year = value
                    years += 1
                }
                run = 0
                value = 0
            }
        }
        return (years == 1 ? PackedDate.make(Int(year), 0, 0) : 0, true)
    }

    /// `D/M/YY` (or with `.` or `-`) where the year has one possible century: 19YY when 20YY would be after this year,
    /// since births and events recorded have happened. Nil otherwise (2015 or 1915 cannot be told apart).
    static func twoDigitYear(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice) -> Int32? {
        var numbers: [Int] = []
        var lengths: [Int] = []
        var current = -1
        for index in slice.start..<slice.end {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 {
                if current < 0 {
                    guard numbers.count < 3 else { return nil }
                    numbers.append(0)
                    lengths.append(0)
                    current = numbers.count - 1
                }
                numbers[current] = numbers[current] * 10 + Int(byte - 0x30)
                lengths[current] += 1
            } else if byte == 0x2F || byte == 0x2E || byte == 0x2D {
                guard current >= 0 else { return nil }
                current = -1
            } else if byte == 0x20 && (current < 0 ? numbers.isEmpty : numbers.count == 3) {
                current = -1
            } else {
                return nil
            }
        }
        guard numbers.count == 3, lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 2, numbers[2] > currentYear % 100 else { return nil }
        let year = 1900 + numbers[2]
        guard (1...12).contains(numbers[1]), numbers[0] >= 1, numbers[0] <= PackedDate.daysInMonth(year, numbers[1]) else { return nil }
        return PackedDate.make(year, numbers[1], numbers[0])
    }

    /// This year by the calendar, read once: two-digit years are read against it.
    static let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())

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

    /// The words each enumerated field accepts, folded (lowercase ASCII, no diacritics, single spaces): the
    /// English codes the platform writes, and the Vietnamese words registers use.
    ///
    /// Sex also takes the numeric codes of ISO/IEC 5218 (1 male, 2 female; 0 "not known" and 9 "not applicable"
    /// stay unknown), which exports of health-insurance and other state systems use, and the titles "Ông"/"Bà"
    /// of a salutation column.
    private static let sexWords: [String: UInt8] = [
        "male": Code.male, "m": Code.male, "nam": Code.male, "nam gioi": Code.male, "trai": Code.male, "1": Code.male,
        "ong": Code.male,
        "female": Code.female, "f": Code.female, "nu": Code.female, "nu gioi": Code.female, "gai": Code.female, "2": Code.female,
        "ba": Code.female,
    ]
    private static let maritalWords: [String: UInt8] = [
        "single": Code.single, "doc than": Code.single, "chua ket hon": Code.single, "chua co vo": Code.single,
        "chua co chong": Code.single,
        "married": Code.married, "da ket hon": Code.married, "ket hon": Code.married, "co vo": Code.married,
        "co chong": Code.married, "co vo chong": Code.married,
        "divorced": Code.divorced, "ly hon": Code.divorced, "da ly hon": Code.divorced,
        "widowed": Code.widowed, "goa": Code.widowed, "goa vo": Code.widowed, "goa chong": Code.widowed,
    ]
    private static let vitalWords: [String: UInt8] = [
        "alive": Code.alive, "living": Code.alive, "con song": Code.alive, "song": Code.alive,
        "deceased": Code.deceased, "dead": Code.deceased, "da chet": Code.deceased, "chet": Code.deceased,
        "da mat": Code.deceased, "tu vong": Code.deceased, "da tu vong": Code.deceased, "qua doi": Code.deceased,
        "da qua doi": Code.deceased, "tu tran": Code.deceased, "da tu tran": Code.deceased,
    ]
    private static let eventWords: [String: UInt8] = [
        "birth": Code.birth, "khai sinh": Code.birth, "sinh": Code.birth,
        "marriage": Code.marriage, "ket hon": Code.marriage,
        "divorce": Code.divorce, "ly hon": Code.divorce,
        "death": Code.death, "khai tu": Code.death, "tu": Code.death,
    ]
    /// The same tables by packed word (``word(_:_:)``), for the common case of an exact lowercase ASCII code.
    private static let sexCodes = packed(sexWords).merging(accented(["Nữ", "Bà", "Ông", "Gái"], sexWords)) { first, _ in first }
    private static let maritalCodes = packed(maritalWords)
    private static let vitalCodes = packed(vitalWords)
    private static let eventCodes = packed(eventWords)

    /// Spellings with diacritics (NFC, capitalised or not) by packed word, with the code their folded form has: "Nữ"
    /// is half of every Vietnamese register's sex column, and folding it row by row was most of reading that column.
    private static func accented(_ spellings: [String], _ words: [String: UInt8]) -> [UInt64: UInt8] {
        var folder = NameFolder()
        var codes: [UInt64: UInt8] = [:]
        for spelling in spellings + spellings.map({ $0.lowercased() }) where spelling.utf8.count <= 8 {
            folder.fold(spelling)
            if let code = words[String(decoding: folder.folded, as: UTF8.self)] { codes[word(spelling)] = code }
        }
        return codes
    }

    private static func packed(_ words: [String: UInt8]) -> [UInt64: UInt8] {
        Dictionary(words.filter { !$0.key.contains(" ") && $0.key.utf8.count <= 8 }.map { (word($0.key), $0.value) }) { first, _ in first }
    }

    static func sex(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, folder: inout NameFolder) -> UInt8 {
        enumerated(buffer, slice, sexCodes, sexWords, label: "gioi tinh", folder: &folder)
    }

    static func maritalStatus(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, folder: inout NameFolder) -> UInt8 {
        enumerated(buffer, slice, maritalCodes, maritalWords, label: "tinh trang hon nhan", folder: &folder)
    }

    static func vitalStatus(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, folder: inout NameFolder) -> UInt8 {
        enumerated(buffer, slice, vitalCodes, vitalWords, label: "tinh trang", folder: &folder)
    }

    static func eventType(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, folder: inout NameFolder) -> UInt8 {
        enumerated(buffer, slice, eventCodes, eventWords, label: "loai su kien", folder: &folder)
    }

    /// One value of an enumerated field, or 0 when the field is empty or says none of the accepted words. A value
    /// like "Khác" or "?" keeps the record with that field unknown rather than rejecting it: these are weak
    /// fields beside the name, date and place, and an unknown one is never guessed.
    private static func enumerated(
        _ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, _ codes: [UInt64: UInt8], _ words: [String: UInt8], label: String,
        folder: inout NameFolder
    ) -> UInt8 {
        let packed = word(buffer, slice)
        if packed == 0 { return 0 }
        if let code = codes[packed] { return code }
        // Other spellings: any case, decomposed diacritics, extra blanks, a leading "Giới tính:".
        folder.fold(String(decoding: buffer[slice.start..<slice.end], as: UTF8.self))
        var text = String(decoding: folder.folded, as: UTF8.self)
        if text.hasPrefix(label + " ") { text.removeFirst(label.count + 1) }
        return words[text] ?? 0
    }
}
