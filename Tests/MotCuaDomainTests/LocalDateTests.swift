import Foundation
import MotCuaDomain
import Testing

@Suite struct LocalDateTests {
    @Test func validatesLeapYears() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2025, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 1, day: 0) == nil)
    }

    @Test(arguments: ["2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025-01-01T00:00", "", "２０２５-01-01", "2025-02-30"])
    func rejectsTextThatIsNotAnExistingISODate(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func parsesAndPrintsISO() throws {
        let date = try #require(LocalDate(iso: "2026-02-17"))
        #expect(date.year == 2026 && date.month == 2 && date.day == 17)
        #expect(date.description == "2026-02-17")
        #expect(LocalDate(year: 33, month: 1, day: 5)?.description == "0033-01-05")
    }

    @Test func usesISOWeekdays() {
        #expect(VietnamTime.date(2025, 1, 1).weekday == 3)  // Wednesday
        #expect(VietnamTime.date(2026, 2, 17).weekday == 2)  // Tuesday, Tết 2026
        #expect(VietnamTime.date(2025, 4, 26).weekday == 6)  // the swapped Saturday
        #expect(VietnamTime.date(2026, 4, 26).weekday == 7)  // Sunday, Hùng Kings 2026
        #expect(VietnamTime.date(1970, 1, 1).weekday == 4)
        #expect(VietnamTime.date(1969, 12, 28).weekday == 7)
    }

    @Test func agreesWithFoundationOnEveryDayFrom1900To2100() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var date = VietnamTime.date(1900, 1, 1)
        var instant = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        var mismatches: [String] = []
        while date.year <= 2100 {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            // Foundation numbers weekdays 1 = Sunday … 7 = Saturday.
            let isoWeekday = (parts.weekday! + 5) % 7 + 1
            if parts.year != date.year || parts.month != date.month || parts.day != date.day || isoWeekday != date.weekday
                || LocalDate(daysSinceEpoch: date.daysSinceEpoch) != date || LocalDate(iso: date.description) != date
            {
                mismatches.append(date.description)
            }
            date = date.adding(days: 1)
            instant = calendar.date(byAdding: .day, value: 1, to: instant)!
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func ordersAndCountsDays() {
        let tet = VietnamTime.date(2025, 1, 29)
        let nationalDay = VietnamTime.date(2025, 9, 2)
        #expect(tet < nationalDay)
        #expect(tet.days(to: nationalDay) == 216)
        #expect(nationalDay.adding(days: -216) == tet)
        #expect(VietnamTime.date(2024, 12, 31).adding(days: 1) == VietnamTime.date(2025, 1, 1))
    }

    @Test func encodesAsISOStringInJSON() throws {
        let date = VietnamTime.date(2025, 4, 30)
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2025-04-30"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2025-02-29"]"#.utf8)) }
    }
}
