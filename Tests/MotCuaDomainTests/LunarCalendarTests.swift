import Foundation
import MotCuaDomain
import Testing

/// The UTC+7 lunar calendar against the known dates (shared/reference/domain.md §5.2, the 2025 and 2026
/// notices, and public holiday lists for 2020–2024).
@Suite struct LunarCalendarTests {
    typealias T = VietnamTime

    static let tet: [(Int, LocalDate)] = [
        (2020, T.date(2020, 1, 25)), (2021, T.date(2021, 2, 12)), (2022, T.date(2022, 2, 1)), (2023, T.date(2023, 1, 22)),
        (2024, T.date(2024, 2, 10)), (2025, T.date(2025, 1, 29)), (2026, T.date(2026, 2, 17)), (2027, T.date(2027, 2, 6)),
        (2028, T.date(2028, 1, 26)), (2029, T.date(2029, 2, 13)), (2030, T.date(2030, 2, 2)),
    ]

    static let hungKings: [(Int, LocalDate)] = [
        (2020, T.date(2020, 4, 2)), (2021, T.date(2021, 4, 21)), (2022, T.date(2022, 4, 10)), (2023, T.date(2023, 4, 29)),
        (2024, T.date(2024, 4, 18)), (2025, T.date(2025, 4, 7)), (2026, T.date(2026, 4, 26)), (2027, T.date(2027, 4, 16)),
        (2028, T.date(2028, 4, 4)), (2029, T.date(2029, 4, 23)), (2030, T.date(2030, 4, 12)),
    ]

    @Test("Tết falls on the known date every year 2020–2030, including 2 Feb 2030 where China's calendar says 3 Feb")
    func tetDates() {
        for (year, expected) in Self.tet {
            #expect(LunarCalendar.tet(year) == expected, "Tết \(year)")
        }
    }

    @Test("the Hùng Kings' day (10/3 lunar) falls on the known date every year 2020–2030, across the leap month of 2023")
    func hungKingsDates() {
        for (year, expected) in Self.hungKings {
            #expect(LunarCalendar.hungKings(year) == expected, "10/3 \(year)")
        }
    }

    @Test("UTC+8 gives China's Tết 2030 (3 Feb), so the time zone is what makes the difference")
    func timeZoneMatters() {
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 1, lunarYear: 2030, timeZone: 8) == T.date(2030, 2, 3))
    }

    @Test("a leap month exists only where the year has one (2023 has a leap 2nd month)")
    func leapMonths() {
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 2, lunarYear: 2023, leap: true) == T.date(2023, 3, 22))
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 3, lunarYear: 2023, leap: true) == nil)
        #expect(LunarCalendar.solarDate(lunarDay: 1, lunarMonth: 1, lunarYear: 2025, leap: true) == nil)
        #expect(LunarCalendar.solarDate(lunarDay: 31, lunarMonth: 1, lunarYear: 2025) == nil)
    }
}

/// The provisional calendar of a year without a notice: only what the Labour Code fixes.
@Suite struct StatutoryHolidaysTests {
    typealias T = VietnamTime

    @Test("2027 provisional days off: 1 Jan, Tết (Sat 6 Feb → Mon 8 Feb), 10/3 on 16 Apr, 30 Apr, 1 May (Sat → Mon 3 May), 2 Sep")
    func statutoryDays2027() {
        #expect(
            StatutoryHolidays.daysOff(in: 2027).map(\.date) == [
                T.date(2027, 1, 1), T.date(2027, 2, 8), T.date(2027, 4, 16), T.date(2027, 4, 30), T.date(2027, 5, 3), T.date(2027, 9, 2),
            ])
    }

    @Test("two holidays on one weekend get two make-up days (30 Apr and 1 May 2022 were Saturday and Sunday)")
    func twoMakeUpDays() {
        let days = StatutoryHolidays.daysOff(in: 2022).map(\.date)
        #expect(days.contains(T.date(2022, 5, 2)) && days.contains(T.date(2022, 5, 3)))
    }

    @Test("the bundled vn-2027.json is provisional and lists exactly the statutory days, each with its source")
    func bundledFileMatchesTheStatute() throws {
        let file = try HolidaySchedule.decode(try ReferenceResources.data("calendar/vn-2027.json"), source: "vn-2027.json")
        #expect(file.status(of: 2027) == .provisional)
        #expect(file.daysOff(in: 2027).map(\.date) == StatutoryHolidays.daysOff(in: 2027).map(\.date))
        #expect(file.daysOff(in: 2027).allSatisfy { $0.source?.contains("112") == true })
        #expect(file.workedDays.isEmpty)
    }

    @Test("a year with no file at all is never silently all working days: 1 Jan 2028 (a Saturday) and Tết 2028 are closed")
    func yearWithoutFile() throws {
        let calendar = try ReferenceResources.publishedCalendar()
        #expect(!calendar.isWorkingDay(T.date(2028, 1, 3)))  // Monday: make-up day for Saturday 1 January (art. 111(3))
        #expect(calendar.isWorkingDay(T.date(2028, 1, 4)))
        #expect(!calendar.isWorkingDay(T.date(2028, 1, 26)))  // Tết 2028, Wednesday
        #expect(calendar.status(of: 2028) == .provisional)
        #expect(calendar.dayOff(T.date(2028, 1, 26))?.source == StatutoryHolidays.source)
    }
}

/// Every date of 2025–2027 against the published lists (law review §1–2; 2027: provisional statutory days).
@Suite struct CalendarClassificationTests {
    typealias T = VietnamTime

    static let weekdaysOff: Set<String> = [
        // 2025, TB 6150/TB-BLĐTBXH
        "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07", "2025-04-30", "2025-05-01",
        "2025-05-02", "2025-09-01", "2025-09-02",
        // 2026, TB 9441/TB-BNV, CV 12729/VPCP-KGVX
        "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27", "2026-04-30",
        "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
        // 2027, provisional: Labour Code art. 112(1) and 111(3) only
        "2027-01-01", "2027-02-08", "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02",
    ]
    static let workedWeekendDays: Set<String> = ["2025-04-26", "2026-01-10", "2026-08-22"]

    @Test("every day of 2025, 2026 and 2027 is a working day exactly when the schedules say so")
    func everyDay() throws {
        let calendar = try ReferenceResources.publishedCalendar()
        var day = T.date(2025, 1, 1)
        var mismatches: [String] = []
        var working = 0
        while day.year <= 2027 {
            let text = day.description
            let expected = day.isWeekend ? Self.workedWeekendDays.contains(text) : !Self.weekdaysOff.contains(text)
            if calendar.isWorkingDay(day) != expected { mismatches.append(text) }
            if expected { working += 1 }
            day = day.adding(days: 1)
        }
        #expect(mismatches.isEmpty, "misclassified: \(mismatches)")
        // 2025: 261 weekdays - 12 + 1; 2026: 261 - 13 + 2; 2027: 261 - 6.
        #expect(working == 250 + 250 + 255)
    }

    @Test("2025 and 2026 are official, 2027 provisional")
    func statuses() throws {
        let calendar = try ReferenceResources.publishedCalendar()
        #expect(calendar.status(of: 2025) == .official)
        #expect(calendar.status(of: 2026) == .official)
        #expect(calendar.status(of: 2027) == .provisional)
    }
}
