import Foundation
import MotCuaDomain
import Testing

/// A new day off arrives as one more data file, merged at start-up, with no code change or rebuild.
@Suite struct HolidayDataExtensionTests {
    /// What an operator would drop next to vn-2026.json if 24 November became a day off (it is [U] today).
    static let cultureDayFile = Data(
        """
        {
          "year": 2026,
          "status": "official",
          "version": 2,
          "source": "Hypothetical notice making Vietnam Culture Day a day off (test only)",
          "daysOff": [
            { "date": "2026-11-24", "nameVi": "Ngày Văn hóa Việt Nam", "nameEn": "Vietnam Culture Day", "source": "test" }
          ]
        }
        """.utf8)

    @Test func addingACultureDayFileMovesDeadlinesThatCrossIt() throws {
        let published = try ReferenceResources.publishedSchedule()
        let extended = published.merging(try HolidaySchedule.decode(Self.cultureDayFile, source: "vn-2026-culture-day.json"))
        let before = WorkingCalendar(schedule: published)
        let after = WorkingCalendar(schedule: extended)
        let mondayMorning = VietnamTime.at(2026, 11, 23, 10)

        #expect(before.dueDate(for: .workingDays(1), receivedAt: mondayMorning) == VietnamTime.at(2026, 11, 24, 17))
        #expect(after.dueDate(for: .workingDays(1), receivedAt: mondayMorning) == VietnamTime.at(2026, 11, 25, 17))
        #expect(after.dueDate(for: .sameDay, receivedAt: VietnamTime.at(2026, 11, 23, 15, 30)) == VietnamTime.at(2026, 11, 25, 17))
        #expect(!after.isWorkingDay(VietnamTime.date(2026, 11, 24)))
        // Everything else of the published schedule is kept.
        #expect(!after.isWorkingDay(VietnamTime.date(2026, 9, 2)))
        #expect(after.isWorkingDay(VietnamTime.date(2026, 8, 22)))
    }

    @Test func aLaterYearIsJustAnotherFile() throws {
        let year2027 = Data(
            """
            { "year": 2027, "status": "official", "version": 1, "source": "test", "daysOff": [
              { "date": "2027-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day", "source": "test" } ] }
            """.utf8)
        let schedule = try ReferenceResources.publishedSchedule().merging(try HolidaySchedule.decode(year2027, source: "vn-2027-official.json"))
        let calendar = WorkingCalendar(schedule: schedule)
        #expect(schedule.coveredYears == [2025, 2026, 2027])
        #expect(schedule.provisionalYears.isEmpty)
        #expect(calendar.nextWorkingDay(after: VietnamTime.date(2026, 12, 31)) == VietnamTime.date(2027, 1, 4))
        // The provisional Tết make-up day of the bundled vn-2027.json is dropped with the official file.
        #expect(calendar.isWorkingDay(VietnamTime.date(2027, 2, 8)))
    }
}
