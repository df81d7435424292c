import Foundation

extension HolidaySchedule {
    /// The JSON shape of one schedule file, one file per year:
    ///
    /// ```json
    /// { "year": 2025, "source": "…", "note": "…", "unverified": ["…"],
    ///   "daysOff": [{ "date": "2025-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day" }],
    ///   "workedDays": [{ "date": "2025-04-26", "nameVi": "…", "nameEn": "…", "replaces": "2025-05-02" }] }
    /// ```
    ///
    /// Dates are read as text first so a bad date can be reported with its entry instead of a bare
    /// decoding error.
    struct File: Decodable {
        struct RawDayOff: Decodable {
            let date: String
            let nameVi: String
            let nameEn: String
        }

        struct RawWorkedDay: Decodable {
            let date: String
            let nameVi: String
            let nameEn: String
            let replaces: String?
        }

        let year: Int
        let source: String
        let note: String?
        let unverified: [String]?
        let daysOff: [RawDayOff]
        let workedDays: [RawWorkedDay]?
    }

    /// Decodes and validates one schedule file.
    /// - Parameters:
    ///   - data: the file's bytes (UTF-8 JSON).
    ///   - source: the file name, repeated in every error.
    /// - Throws: `CalendarDataError` naming the source, the entry and the reason.
    public static func decode(_ data: Data, source: String) throws -> HolidaySchedule {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw CalendarDataError(source: source, entry: nil, reason: .malformed(path: error.pathDescription, detail: error.detail))
        }
        return try validated(
            source: source,
            years: [file.year],
            daysOff: file.daysOff.map { ($0.date, $0.nameVi, $0.nameEn) },
            workedDays: (file.workedDays ?? []).map { ($0.date, $0.nameVi, $0.nameEn, $0.replaces) }
        )
    }

    /// Applies every rule of a schedule and builds it. Shared by the file decoder and the in-code initialiser.
    static func validated(
        source: String,
        years: Set<Int>,
        daysOff rawDaysOff: [(date: String, nameVi: String, nameEn: String)],
        workedDays rawWorked: [(date: String, nameVi: String, nameEn: String, replaces: String?)]
    ) throws(CalendarDataError) -> HolidaySchedule {
        for year in years.sorted() where !(1000...9999).contains(year) {
            throw CalendarDataError(source: source, entry: nil, reason: .invalidYear(year))
        }

        func fail(_ list: String, _ index: Int, _ date: String?, _ reason: CalendarDataError.Reason) -> CalendarDataError {
            CalendarDataError(source: source, entry: .init(list: list, index: index, date: date), reason: reason)
        }

        func checkedDate(_ list: String, _ index: Int, _ text: String) throws(CalendarDataError) -> LocalDate {
            guard let date = LocalDate(iso: text) else { throw fail(list, index, text, .invalidDate) }
            guard years.contains(date.year) else {
                throw fail(list, index, text, .outsideYear(declared: years.sorted().first ?? date.year))
            }
            return date
        }

        func checkNames(_ list: String, _ index: Int, _ text: String, _ nameVi: String, _ nameEn: String) throws(CalendarDataError) {
            for (field, value) in [("nameVi", nameVi), ("nameEn", nameEn)] {
                guard !value.isBlank else { throw fail(list, index, text, .emptyName(field: field)) }
                guard value.isNFC else { throw fail(list, index, text, .notNFC(field: field)) }
            }
        }

        var daysOff: [LocalDate: DayOff] = [:]
        for (index, raw) in rawDaysOff.enumerated() {
            let date = try checkedDate("daysOff", index, raw.date)
            guard !date.isWeekend else { throw fail("daysOff", index, raw.date, .dayOffOnWeekend) }
            guard daysOff[date] == nil else { throw fail("daysOff", index, raw.date, .duplicate) }
            try checkNames("daysOff", index, raw.date, raw.nameVi, raw.nameEn)
            daysOff[date] = DayOff(date: date, nameVi: raw.nameVi, nameEn: raw.nameEn)
        }

        var workedDays: [LocalDate: WorkedDay] = [:]
        for (index, raw) in rawWorked.enumerated() {
            let date = try checkedDate("workedDays", index, raw.date)
            // Checked before the weekend rule: a weekday in both lists is reported as the clearer mistake.
            guard daysOff[date] == nil else { throw fail("workedDays", index, raw.date, .bothOffAndWorked) }
            guard date.isWeekend else { throw fail("workedDays", index, raw.date, .workedDayNotWeekend) }
            guard workedDays[date] == nil else { throw fail("workedDays", index, raw.date, .duplicate) }
            try checkNames("workedDays", index, raw.date, raw.nameVi, raw.nameEn)
            var replaced: LocalDate?
            if let replacesText = raw.replaces {
                guard let target = LocalDate(iso: replacesText), daysOff[target] != nil else {
                    throw fail("workedDays", index, raw.date, .replacesUnknownDay(replacesText))
                }
                replaced = target
            }
            workedDays[date] = WorkedDay(date: date, nameVi: raw.nameVi, nameEn: raw.nameEn, replaces: replaced)
        }

        return HolidaySchedule(uncheckedYears: years, daysOff: daysOff, workedDays: workedDays)
    }
}
