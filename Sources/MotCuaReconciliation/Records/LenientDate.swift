import Foundation

/// Dates in the forms the strict reader (``PackedDate/parse(_:_:)``) does not know, which spreadsheets and other
/// systems write: month names in English (`7-Dec-1991`, `Dec 7, 1991`, `7th of December 1991`) or as Roman numerals
/// (`07/XII/1991`); blanks around the separators (`07 / 12 / 1991`); a weekday before the date or a time after it
/// (`Thứ bảy, 07/12/1991`, `07/12/1991 12:00:00 SA`); and a spreadsheet's serial day number (`33579`, days since
/// 30/12/1899, what a date cell becomes when it loses its format).
///
/// Only words that belong in a date are read past (month and weekday names, "ngày", "tháng", "năm", "sinh", AM/PM
/// marks, ordinal endings); any other word, a question mark, or numbers that do not make exactly one valid date give
/// nil, and the caller falls back to the year alone.
enum LenientDate {
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice) -> Int32? {
        var text = String(decoding: buffer[slice.start..<slice.end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.count <= 64, !text.contains("?") else { return nil }
        if let serial = serial(text) { return serial }
        // A time of day and what follows it: "07/12/1991 12:00:00 SA".
        if let colon = text.firstIndex(of: ":") {
            var start = colon
            while start > text.startIndex, text[text.index(before: start)].isNumber { start = text.index(before: start) }
            text = String(text[..<start])
        }
        var numbers: [(value: Int, digits: Int)] = []
        var month: Int?
        var current = ""
        var currentIsNumber = false
        func flush() -> Bool {
            defer { current = "" }
            guard !current.isEmpty else { return true }
            if currentIsNumber {
                guard current.count <= 4, let value = Int(current) else { return false }
                numbers.append((value, current.count))
                return true
            }
            let word = current.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
                .replacingOccurrences(of: "đ", with: "d")
            if let named = monthNames[word] {
                guard month == nil else { return false }
                month = named
                return true
            }
            return ignoredWords.contains(word)
        }
        for character in text {
            let isNumber = character.isASCII && character.isNumber
            if isNumber || character.isLetter {
                if !current.isEmpty && isNumber != currentIsNumber { guard flush() else { return nil } }
                currentIsNumber = isNumber
                current.append(character)
            } else {
                guard flush() else { return nil }
            }
        }
        guard flush() else { return nil }
        return resolve(numbers, month: month)
    }

    /// Day, month and year from the numbers read and the month named, if any.
    private static func resolve(_ numbers: [(value: Int, digits: Int)], month named: Int?) -> Int32? {
        var day: Int
        var month: Int
        var year: (value: Int, digits: Int)
        if let named {
            guard numbers.count == 2 else { return nil }
            // The year is the four-digit number, else the last ("07-Dec-91", "Dec 7, 1991").
            let yearIndex = numbers[0].digits == 4 ? 0 : 1
            guard numbers[1 - yearIndex].digits <= 2 else { return nil }
            (day, month, year) = (numbers[1 - yearIndex].value, named, numbers[yearIndex])
        } else {
            guard numbers.count == 3 else { return nil }
            if numbers[0].digits == 4 {
                guard numbers[1].digits <= 2, numbers[2].digits <= 2 else { return nil }
                (day, month, year) = (numbers[2].value, numbers[1].value, numbers[0])
            } else {
                guard numbers[0].digits <= 2, numbers[1].digits <= 2 else { return nil }
                (day, month, year) = (numbers[0].value, numbers[1].value, numbers[2])
                // Month first only where the day-first reading is impossible and this one is not (as the strict reader).
                if month > 12 && day <= 12 { (day, month) = (month, day) }
            }
        }
        let fullYear: Int
        switch year.digits {
        case 4: fullYear = year.value
        // A two-digit year with one possible century: 19YY when 20YY would be after this year.
        case 2 where year.value > FieldParsing.currentYear % 100: fullYear = 1900 + year.value
        default: return nil
        }
        guard (1800...2200).contains(fullYear), (1...12).contains(month), day >= 1, day <= PackedDate.daysInMonth(fullYear, month) else { return nil }
        return PackedDate.make(fullYear, month, day)
    }

    /// A spreadsheet's serial day number, five digits with an optional zero fraction ("33579", "33579.0"), between
    /// 1927 (10000) and today: days since 30/12/1899.
    private static func serial(_ text: String) -> Int32? {
        var digits = Substring(text)
        if let point = text.firstIndex(where: { $0 == "." || $0 == "," }) {
            guard text[text.index(after: point)...].allSatisfy({ $0 == "0" }), text.index(after: point) < text.endIndex else { return nil }
            digits = text[..<point]
        }
        guard digits.count == 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value >= 10_000 else { return nil }
        let date = PackedDate.fromDayNumber(value + PackedDate.dayNumber(PackedDate.make(1899, 12, 30)))
        guard Int(PackedDate.year(date)) <= FieldParsing.currentYear else { return nil }
        return date
    }

    /// English month names and abbreviations, and Roman numerals.
    private static let monthNames: [String: Int] = {
        var names: [String: Int] = [:]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        for (index, name) in english.enumerated() {
            names[name] = index + 1
            names[String(name.prefix(3))] = index + 1
            names[roman[index]] = index + 1
        }
        names["sept"] = 9
        return names
    }()

    /// Words a date may carry besides its numbers: Vietnamese and English labels and weekdays (folded), AM/PM marks
    /// ("SA"/"CH" for sáng/chiều), ordinal endings.
    private static let ignoredWords: Set<String> = [
        "ngay", "thang", "nam", "sinh", "luc", "thu", "hai", "ba", "tu", "sau", "bay", "chu", "nhat", "cn",
        "sa", "ch", "am", "pm", "st", "nd", "rd", "th", "of", "the", "on",
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday",
        "sun", "sunday",
    ]
}
