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

    /// Parses `YYYY-MM-DD`, `DD/MM/YYYY`, `DD.MM.YYYY` or `DD-MM-YYYY` (one- or two-digit day and month), `YYYY`, or empty.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ field: FieldSlice) -> Int32? {
        var numbers: [Int] = []
        var separators: [UInt8] = []
        var current = -1
        var digits = 0
        for index in field.start..<field.end {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 {
                current = (current < 0 ? 0 : current) * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 4 { return nil }
            } else if (byte == 0x2D || byte == 0x2F || byte == 0x2E) && current >= 0 {
                numbers.append(current)
                separators.append(byte)
                current = -1
                digits = 0
            } else if byte == 0x20 && current < 0 && numbers.isEmpty {
                continue
            } else {
                return nil
            }
        }
        if current < 0 { return numbers.isEmpty && separators.isEmpty ? 0 : nil }
        numbers.append(current)
        let year: Int
        let month: Int
        let day: Int
        switch (numbers.count, separators.first) {
        case (1, _):
            guard digits == 4 else { return nil }
            year = numbers[0]; month = 0; day = 0
        case (3, UInt8(ascii: "-")) where separators[1] == UInt8(ascii: "-") && numbers[0] > 31:
            year = numbers[0]; month = numbers[1]; day = numbers[2]
        case (3, let separator?) where separators[1] == separator && digits == 4 && numbers[0] <= 31:
            // DD/MM/YYYY, D/M/YYYY, DD.MM.YYYY and DD-MM-YYYY: day first whenever the year is last.
            day = numbers[0]; month = numbers[1]; year = numbers[2]
        default:
            return nil
        }
        guard (1800...2200).contains(year) else { return nil }
        if month == 0 && day == 0 { return make(year, 0, 0) }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        return make(year, month, day)
    }
}
