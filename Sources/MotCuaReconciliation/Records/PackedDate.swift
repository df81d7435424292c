/// Dates packed as `yyyymmdd` in an `Int32`; a year-only date has month and day 0, and 0 means missing.
///
/// Year-only dates of birth are legitimate in Vietnamese records, so they are a value, not an error.
enum PackedDate {
    static func year(_ date: Int32) -> Int32 { date / 10000 }
    static func month(_ date: Int32) -> Int32 { date / 100 % 100 }
    static func day(_ date: Int32) -> Int32 { date % 100 }
    static func isYearOnly(_ date: Int32) -> Bool { date != 0 && date % 10000 == 0 }
    static func make(_ year: Int, _ month: Int, _ day: Int) -> Int32 { Int32(year * 10000 + month * 100 + day) }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for off-by-one-day comparisons across month ends.
    static func dayNumber(_ date: Int32) -> Int {
        var year = Int(year(date))
        let month = Int(month(date))
        let day = Int(day(date))
        year -= month <= 2 ? 1 : 0
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// Inverse of ``dayNumber(_:)``.
    static func fromDayNumber(_ days: Int) -> Int32 {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return make(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO form (`1990-07-15`, or `1990` for a year-only date, or empty).
    static func format(_ date: Int32) -> String {
        guard date != 0 else { return "" }
        let year = String(year(date))
        if isYearOnly(date) { return year }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month(date)))-\(two(day(date)))"
    }

    /// Parses a date as registers, spreadsheets and database exports write it, or returns nil:
    /// - `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`; `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (one- or two-digit day and
    ///   month); `MM/DD/YYYY` only where the day-first reading is impossible and this one is not;
    /// - the Vietnamese written form, `ngày 05 tháng 03 năm 1990` (with or without diacritics or "sinh");
    /// - compact `YYYYMMDD` (or `DDMMYYYY` where that reading is the only valid one);
    /// - a bare year `YYYY`, and month and year (`03/1990`, `tháng 3 năm 1990`) or a zero day (`00/03/1990`),
    ///   both kept as the year alone, which the matcher treats as a year-only date;
    /// - a time after the date (`1990-03-05 00:00:00`, `1990-03-05T00:00:00Z`) is ignored; blanks around it too.
    /// Empty gives 0 (missing). Two-digit years are refused: their century is a guess.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldSlice) -> Int32? {
        // Blanks: space, tab, and the no-break space (C2 A0) spreadsheets put in formatted cells.
        @inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        @inline(__always) func blankBefore(_ index: Int, after start: Int) -> Int {
            if isBlank(buffer[index - 1]) { return 1 }
            return index - 2 >= start && buffer[index - 1] == 0xA0 && buffer[index - 2] == 0xC2 ? 2 : 0
        }
        @inline(__always) func blankAt(_ index: Int, before end: Int) -> Int {
            if isBlank(buffer[index]) { return 1 }
            return index + 1 < end && buffer[index] == 0xC2 && buffer[index + 1] == 0xA0 ? 2 : 0
        }
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var start = field.start
        var end = field.end
        while start < end, case let length = blankAt(start, before: end), length > 0 { start += length }
        while end > start, case let length = blankBefore(end, after: start), length > 0 { end -= length }
        if start == end { return 0 }
        // A time after the date: cut at the blank or `T` before the first colon.
        var colon = start
        while colon < end && buffer[colon] != 0x3A { colon += 1 }
        if colon < end {
            var cut = colon
            while cut > start && blankBefore(cut, after: start) == 0 && buffer[cut - 1] != 0x54 { cut -= 1 }
            guard cut > start + 1 else { return nil }
            end = cut - max(1, blankBefore(cut, after: start))
            while end > start, case let length = blankBefore(end, after: start), length > 0 { end -= length }
        }
        // Up to three numbers, separated by one punctuation mark or by blanks and date words.
        var numbers = (0, 0, 0)
        var lengths = (0, 0, 0)
        var count = 0
        var inNumber = false
        var index = start
        while index < end {
            let byte = buffer[index]
            if isDigit(byte) {
                if !inNumber {
                    guard count < 3 else { return nil }
                    count += 1
                    inNumber = true
                }
                let digit = Int(byte - 0x30)
                switch count {
                case 1: numbers.0 = numbers.0 * 10 + digit; lengths.0 += 1
                case 2: numbers.1 = numbers.1 * 10 + digit; lengths.1 += 1
                default: numbers.2 = numbers.2 * 10 + digit; lengths.2 += 1
                }
                guard lengths.0 <= 8 && lengths.1 <= 4 && lengths.2 <= 4 else { return nil }
                index += 1
            } else if byte == 0x2D || byte == 0x2F || byte == 0x2E {
                // `-`, `/`, `.`: between two numbers only.
                guard inNumber, index + 1 < end, isDigit(buffer[index + 1]) else { return nil }
                inNumber = false
                index += 1
            } else if case let length = blankAt(index, before: end), length > 0 {
                inNumber = false
                index += length
            } else {
                guard let next = dateWord(buffer, at: index, end: end) else { return nil }
                inNumber = false
                index = next
            }
        }
        let year: Int
        var month = 0
        var day = 0
        switch count {
        case 1 where lengths.0 == 4:
            year = numbers.0
        case 1 where lengths.0 == 8:
            // YYYYMMDD, or DDMMYYYY when only that reading is a date.
            let yearFirst = (numbers.0 / 10_000, numbers.0 / 100 % 100, numbers.0 % 100)
            let yearLast = (numbers.0 % 10_000, numbers.0 / 10_000 % 100, numbers.0 / 1_000_000)
            if isDate(yearFirst.0, yearFirst.1, yearFirst.2) {
                (year, month, day) = yearFirst
            } else {
                (year, month, day) = yearLast
            }
        case 2 where lengths.0 <= 2 && lengths.1 == 4 && numbers.0 <= 12:
            year = numbers.1
        case 2 where lengths.0 == 4 && lengths.1 <= 2 && numbers.1 <= 12:
            year = numbers.0
        case 3 where lengths.0 == 4 && lengths.1 <= 2 && lengths.2 <= 2:
            (year, month, day) = (numbers.0, numbers.1, numbers.2)
        case 3 where lengths.2 == 4 && lengths.0 <= 2 && lengths.1 <= 2:
            (year, month, day) = (numbers.2, numbers.1, numbers.0)
            // Month first (07/15/1990) only where day first is impossible.
            if month > 12 && day <= 12 && day >= 1 { swap(&month, &day) }
        default:
            return nil
        }
        guard (1800...2200).contains(year) else { return nil }
        // A zero day keeps the year alone (the month by itself is not a value the matcher compares).
        if day == 0 && month <= 12 { return make(year, 0, 0) }
        guard isDate(year, month, day) else { return nil }
        return make(year, month, day)
    }

    private static func isDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        (1800...2200).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysInMonth(year, month)
    }

    /// The end of the date word at `index` ("ngày", "tháng", "năm", "sinh", in any case, with or without
    /// diacritics), or nil when the text there is not one.
    private static func dateWord(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        // Folded to ASCII lowercase: the only non-ASCII letters of these words are à/á/ă and their capitals.
        var folded: UInt64 = 0
        var length = 0
        var position = index
        while position < end {
            let byte = buffer[position]
            var letter: UInt8
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                letter = byte | 0x20
                position += 1
            } else if position + 1 < end, (byte == 0xC3 && [0x80, 0x81, 0xA0, 0xA1].contains(buffer[position + 1]))
                || (byte == 0xC4 && (buffer[position + 1] == 0x82 || buffer[position + 1] == 0x83)) {
                letter = 0x61
                position += 2
            } else {
                break
            }
            length += 1
            guard length <= 5 else { return nil }
            folded = folded << 8 | UInt64(letter)
        }
        return dateWords.contains(folded) ? position : nil
    }

    private static let dateWords: Set<UInt64> = Set(["ngay", "thang", "nam", "sinh"].map { word in
        word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    })
}
