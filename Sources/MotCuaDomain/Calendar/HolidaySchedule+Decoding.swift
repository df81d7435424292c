import Foundation

extension HolidaySchedule {
    /// The JSON shape of one schedule file, one file per year (or per later notice of a year):
    ///
    /// ```json
    /// { "year": 2025, "status": "official", "version": 1, "source": "…", "note": "…", "unverified": ["…"],
    ///   "daysOff": [{ "date": "2025-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day",
    ///                 "source": "Labour Code art. 112(1)(a)" }],
    ///   "workedDays": [{ "date": "2025-04-26", "nameVi": "…", "nameEn": "…", "replaces": "2025-05-02", "source": "…" }] }
    /// ```
    ///
    /// Every field not listed here is rejected (a misspelt `replace` would otherwise silently drop a swap).
    /// Dates are read as text first so a bad date can be reported with its entry instead of a bare
    /// decoding error.
    struct File: Decodable {
        static let fields: Set<String> = ["year", "status", "version", "source", "note", "unverified", "daysOff", "workedDays"]

        let year: Int
        let status: Status
        let version: Int
        let source: String
        let note: String?
        let unverified: [String]?
        let daysOff: [RawEntry]
        let workedDays: [RawEntry]?
        let unknownFields: [String]

        private enum CodingKeys: String, CodingKey {
            case year, status, version, source, note, unverified, daysOff, workedDays
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            year = try container.decode(Int.self, forKey: .year)
            status = try container.decode(Status.self, forKey: .status)
            version = try container.decode(Int.self, forKey: .version)
            source = try container.decode(String.self, forKey: .source)
            note = try container.decodeIfPresent(String.self, forKey: .note)
            unverified = try container.decodeIfPresent([String].self, forKey: .unverified)
            daysOff = try container.decode([RawEntry].self, forKey: .daysOff)
            workedDays = try container.decodeIfPresent([RawEntry].self, forKey: .workedDays)
            unknownFields = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
                .filter { !Self.fields.contains($0) }.sorted()
        }
    }

    /// One entry of `daysOff` or `workedDays` as written.
    struct RawEntry: Decodable {
        static let fields: Set<String> = ["date", "nameVi", "nameEn", "replaces", "source"]

        let date: String
        let nameVi: String
        let nameEn: String
        let replaces: String?
        let source: String?
        var unknownFields: [String] = []

        init(date: String, nameVi: String, nameEn: String, replaces: String? = nil, source: String?) {
            self.date = date
            self.nameVi = nameVi
            self.nameEn = nameEn
            self.replaces = replaces
            self.source = source
        }

        private enum CodingKeys: String, CodingKey {
            case date, nameVi, nameEn, replaces, source
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            date = try container.decode(String.self, forKey: .date)
            nameVi = try container.decode(String.self, forKey: .nameVi)
            nameEn = try container.decode(String.self, forKey: .nameEn)
            replaces = try container.decodeIfPresent(String.self, forKey: .replaces)
            source = try container.decodeIfPresent(String.self, forKey: .source)
            unknownFields = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
                .filter { !Self.fields.contains($0) }.sorted()
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
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
        if let field = file.unknownFields.first {
            throw CalendarDataError(source: source, entry: nil, reason: .unknownField(field))
        }
        guard !file.source.isBlank else { throw CalendarDataError(source: source, entry: nil, reason: .missingSource) }
        guard file.version >= 1 else { throw CalendarDataError(source: source, entry: nil, reason: .invalidVersion(file.version)) }
        return try validated(
            source: source, years: [file.year], status: file.status, version: file.version, daysOff: file.daysOff,
            workedDays: file.workedDays ?? [], requireSources: true)
    }

    /// Applies every rule of a schedule and builds it. Shared by the file decoder and the in-code initialiser.
    static func validated(
        source: String, years: Set<Int>, status: Status, version: Int, daysOff rawDaysOff: [RawEntry], workedDays rawWorked: [RawEntry],
        requireSources: Bool
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

        func checkEntry(_ list: String, _ index: Int, _ raw: RawEntry) throws(CalendarDataError) {
            if let field = raw.unknownFields.first { throw fail(list, index, raw.date, .unknownField(field)) }
            for (field, value) in [("nameVi", raw.nameVi), ("nameEn", raw.nameEn)] {
                guard !value.isBlank else { throw fail(list, index, raw.date, .emptyName(field: field)) }
                guard value.isNFC else { throw fail(list, index, raw.date, .notNFC(field: field)) }
            }
            if requireSources && (raw.source?.isBlank ?? true) { throw fail(list, index, raw.date, .missingSource) }
        }

        var daysOff: [LocalDate: DayOff] = [:]
        for (index, raw) in rawDaysOff.enumerated() {
            let date = try checkedDate("daysOff", index, raw.date)
            guard !date.isWeekend else { throw fail("daysOff", index, raw.date, .dayOffOnWeekend) }
            guard daysOff[date] == nil else { throw fail("daysOff", index, raw.date, .duplicate) }
            try checkEntry("daysOff", index, raw)
            if raw.replaces != nil { throw fail("daysOff", index, raw.date, .unknownField("replaces")) }
            daysOff[date] = DayOff(date: date, nameVi: raw.nameVi, nameEn: raw.nameEn, source: raw.source)
        }

        var workedDays: [LocalDate: WorkedDay] = [:]
        for (index, raw) in rawWorked.enumerated() {
            let date = try checkedDate("workedDays", index, raw.date)
            // Checked before the weekend rule: a weekday in both lists is reported as the clearer mistake.
            guard daysOff[date] == nil else { throw fail("workedDays", index, raw.date, .bothOffAndWorked) }
            guard date.isWeekend else { throw fail("workedDays", index, raw.date, .workedDayNotWeekend) }
            guard workedDays[date] == nil else { throw fail("workedDays", index, raw.date, .duplicate) }
            try checkEntry("workedDays", index, raw)
            var replaced: LocalDate?
            if let replacesText = raw.replaces {
                guard let target = LocalDate(iso: replacesText), daysOff[target] != nil else {
                    throw fail("workedDays", index, raw.date, .replacesUnknownDay(replacesText))
                }
                replaced = target
            } else if requireSources {
                // In a data file every worked weekend day is a swap and must name the weekday off it pays back.
                throw fail("workedDays", index, raw.date, .swapWithoutDayOff)
            }
            workedDays[date] = WorkedDay(date: date, nameVi: raw.nameVi, nameEn: raw.nameEn, replaces: replaced, source: raw.source)
        }

        return HolidaySchedule(
            uncheckedYears: years, daysOff: daysOff, workedDays: workedDays, status: status,
            versions: years.sorted().map { FileVersion(source: source, year: $0, status: status, version: version) })
    }
}
