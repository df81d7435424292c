import Foundation
import MotCuaDomain
import Testing

/// Deadlines under the published 2025 and 2026 civil-service schedules (shared/reference/domain.md §5.4).
@Suite struct PublishedScheduleTests {
    let calendar: WorkingCalendar
    typealias T = VietnamTime

    init() throws {
        calendar = try ReferenceResources.publishedCalendar()
    }

    func weekdaysOff(in year: Int) -> [LocalDate] {
        var result: [LocalDate] = []
        var date = T.date(year, 1, 1)
        while date.year == year {
            if !date.isWeekend && !calendar.isWorkingDay(date) { result.append(date) }
            date = date.adding(days: 1)
        }
        return result
    }

    @Test func countsTwelveWeekdaysOffIn2025() {
        let off = weekdaysOff(in: 2025).map(\.description)
        #expect(off.count == 12)
        #expect(
            off == [
                "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
                "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
            ])
    }

    @Test func countsThirteenWeekdaysOffIn2026() {
        let off = weekdaysOff(in: 2026).map(\.description)
        #expect(off.count == 13)
        #expect(off.contains("2026-01-02"))  // swapped with Saturday 10 January
        #expect(off.contains("2026-04-27"))  // Hùng Kings' make-up day (10/3 lunar is a Sunday)
        #expect(off.contains("2026-08-31"))
        #expect(!off.contains("2026-11-24"))  // Culture Day is unverified and not in the published data
    }

    @Test func worksOnlyTheAnnouncedSaturdays() {
        #expect(calendar.isWorkingDay(T.date(2025, 4, 26)))
        #expect(calendar.isWorkingDay(T.date(2026, 8, 22)))
        #expect(calendar.isWorkingDay(T.date(2026, 1, 10)))  // CV 12729/VPCP-KGVX: the work of Friday 2 January
        #expect(!calendar.isWorkingDay(T.date(2025, 4, 19)))
        #expect(!calendar.isWorkingDay(T.date(2025, 4, 27)))
        #expect(calendar.isCovered(T.date(2026, 12, 31)))
        #expect(!calendar.isCovered(T.date(2027, 1, 1)))  // 2027 is loaded, but only as provisional
        #expect(calendar.status(of: 2027) == .provisional)
    }

    @Test("three working days from Monday morning end at closing time on Thursday (Civil Code arts. 147–148)")
    func countsThreeWorkingDaysFromMondayToThursdayClosing() {
        #expect(calendar.dueDate(for: .workingDays(3), receivedAt: T.at(2025, 3, 10, 10)) == T.at(2025, 3, 13, 17))
    }

    @Test func startsCountingOnMondayAtOpeningWhenReceivedOnSaturday() {
        let saturday = T.at(2025, 3, 8, 10)
        #expect(calendar.dueDate(for: .workingDays(1), receivedAt: saturday) == T.at(2025, 3, 10, 17))
        #expect(calendar.dueDate(for: .workingDays(3), receivedAt: saturday) == T.at(2025, 3, 12, 17))
        #expect(calendar.addingWorkingMinutes(0, to: saturday) == T.at(2025, 3, 10, 7, 30))
    }

    @Test func skipsTheLunchBreakForWorkingHours() {
        #expect(calendar.dueDate(for: .workingHours(2), receivedAt: T.at(2025, 3, 10, 10, 30)) == T.at(2025, 3, 10, 14))
        // Received in the lunch break: counting starts at 13:00, and a deadline that uses up the morning
        // session ends at 11:30 rather than at the next session's start.
        #expect(calendar.dueDate(for: .workingHours(8), receivedAt: T.at(2025, 3, 10, 12)) == T.at(2025, 3, 11, 11, 30))
    }

    @Test func carriesDeadlinesAcrossTet2025() {
        // Friday 24 Jan is the last working day before Tết; offices reopen on Monday 3 Feb.
        #expect(calendar.dueDate(for: .workingDays(3), receivedAt: T.at(2025, 1, 24, 10)) == T.at(2025, 2, 5, 17))
        #expect(calendar.addingWorkingDays(1, to: T.date(2025, 1, 24)) == T.date(2025, 2, 3))
    }

    @Test func countsTheSwappedSaturdayAround30April2025() {
        // Saturday 26 Apr is worked, so 3 days from Friday 25 Apr end on Tuesday 29 Apr.
        #expect(calendar.dueDate(for: .workingDays(3), receivedAt: T.at(2025, 4, 25, 10)) == T.at(2025, 4, 29, 17))
        // 30 Apr – 2 May are off and 3–4 May is a weekend: 2 days from Tuesday 29 Apr end on Tuesday 6 May.
        #expect(calendar.dueDate(for: .workingDays(2), receivedAt: T.at(2025, 4, 29, 10)) == T.at(2025, 5, 6, 17))
    }

    @Test func carriesDeadlinesAcrossNationalDay2025() {
        // 30–31 Aug is a weekend and 1–2 Sep are off.
        #expect(calendar.dueDate(for: .workingDays(1), receivedAt: T.at(2025, 8, 29, 10)) == T.at(2025, 9, 3, 17))
    }

    @Test func carriesDeadlinesAcrossTetAndNationalDay2026() {
        #expect(calendar.dueDate(for: .workingDays(1), receivedAt: T.at(2026, 2, 13, 14)) == T.at(2026, 2, 23, 17))
        // Saturday 22 Aug is worked; Monday 31 Aug – Wednesday 2 Sep are off.
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2026, 8, 21, 16)) == T.at(2026, 8, 22, 17))
        #expect(calendar.dueDate(for: .workingDays(1), receivedAt: T.at(2026, 8, 28, 10)) == T.at(2026, 9, 3, 17))
    }

    @Test func dividesTheTimeLimitIntoCumulativeStepDeadlines() {
        let received = T.at(2025, 3, 10, 10)
        let deadlines = calendar.stepDeadlines(shares: [0.1, 0.4, 0.2, 0.1, 0.2], limit: .workingDays(3), receivedAt: received)
        // Due Thursday 17:00: 1,770 office minutes after receipt; steps at 177, 885, 1,239, 1,416 and 1,770.
        #expect(
            deadlines == [
                T.at(2025, 3, 10, 14, 27), T.at(2025, 3, 12, 8, 45), T.at(2025, 3, 12, 16, 9), T.at(2025, 3, 13, 9, 36),
                T.at(2025, 3, 13, 17),
            ])
        #expect(calendar.totalWorkingMinutes(for: .workingDays(3), receivedAt: received) == 1770)
    }
}

/// The same-day rule: received on a working day before 15:00, due at the end of that day; otherwise due at
/// the end of the next working day.
@Suite struct SameDayCutOffTests {
    let calendar: WorkingCalendar
    typealias T = VietnamTime

    init() throws {
        calendar = try ReferenceResources.publishedCalendar()
    }

    @Test func dossierReceivedAt1459IsDueTheSameDay() {
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 12, 14, 59)) == T.at(2025, 3, 12, 17))
    }

    @Test func dossierReceivedAt1500IsDueTheNextWorkingDay() {
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 12, 15)) == T.at(2025, 3, 13, 17))
    }

    @Test func fridayAfternoonAfterCutOffIsDueOnMonday() {
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 14, 15, 30)) == T.at(2025, 3, 17, 17))
    }

    @Test func dayBeforeTetAfterCutOffIsDueAfterTet() {
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 1, 24, 15, 1)) == T.at(2025, 2, 3, 17))
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 1, 24, 10)) == T.at(2025, 1, 24, 17))
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2026, 2, 13, 15)) == T.at(2026, 2, 23, 17))
    }

    @Test func weekendReceiptIsDueOnTheNextWorkingDayUnlessTheSaturdayIsWorked() {
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 15, 9)) == T.at(2025, 3, 17, 17))
        #expect(calendar.dueDate(for: .sameDay, receivedAt: T.at(2025, 4, 26, 9)) == T.at(2025, 4, 26, 17))
    }

    @Test func sameDayBudgetIsTheOfficeTimeLeftBeforeTheDueDate() {
        #expect(calendar.totalWorkingMinutes(for: .sameDay, receivedAt: T.at(2025, 3, 12, 14)) == 180)
        #expect(calendar.totalWorkingMinutes(for: .sameDay, receivedAt: T.at(2025, 3, 12, 16)) == 60 + 480)
        let steps = calendar.stepDeadlines(shares: [0.5, 0.5], limit: .sameDay, receivedAt: T.at(2025, 3, 12, 14))
        #expect(steps == [T.at(2025, 3, 12, 15, 30), T.at(2025, 3, 12, 17)])
    }

    @Test func cutOffAndOfficeHoursAreConfigurable() throws {
        let schedule = try ReferenceResources.publishedSchedule()
        let later = WorkingCalendar(schedule: schedule, sameDayCutOff: (16, 0))
        #expect(later.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 12, 15, 30)) == T.at(2025, 3, 12, 17))

        let morning = try #require(OfficeHours.Session(start: (8, 0), end: (12, 0)))
        let afternoon = try #require(OfficeHours.Session(start: (13, 30), end: (17, 30)))
        let hours = try #require(OfficeHours(morning: morning, afternoon: afternoon))
        let shifted = WorkingCalendar(schedule: schedule, hours: hours)
        #expect(hours.minutesPerDay == 480)
        #expect(shifted.dueDate(for: .sameDay, receivedAt: T.at(2025, 3, 12, 9)) == T.at(2025, 3, 12, 17, 30))
        #expect(shifted.dueDate(for: .workingHours(1), receivedAt: T.at(2025, 3, 12, 11, 30)) == T.at(2025, 3, 12, 14))
    }

    @Test func rejectsOverlappingOrEmptySessions() {
        #expect(OfficeHours.Session(start: (11, 0), end: (10, 0)) == nil)
        #expect(OfficeHours.Session(start: (7, 60), end: (10, 0)) == nil)
        #expect(OfficeHours.Session(start: (7, 0), end: (24, 1)) == nil)
        let morning = OfficeHours.Session(start: (7, 30), end: (11, 30))!
        #expect(OfficeHours(morning: morning, afternoon: OfficeHours.Session(start: (11, 0), end: (17, 0))!) == nil)
        #expect(OfficeHours(sessions: []) == nil)
        #expect(OfficeHours.standard.minutesPerDay == 480)
    }
}
