import Foundation
import MotCuaDomain
import Testing

/// Worked examples of the counting rules (`CountingRule`), each with its legal basis, over the bundled
/// calendars (2025–2026 official, 2027 provisional).
@Suite struct CountingRuleTests {
    typealias T = VietnamTime

    struct Example: Sendable, CustomTestStringConvertible {
        let name: String
        let limit: TimeLimit
        let received: Date
        let options: CountingOptions
        let due: Date
        let basis: String
        var testDescription: String { "\(name) [\(basis)]" }

        init(_ name: String, _ limit: TimeLimit, _ received: Date, _ due: Date, basis: String, options: CountingOptions = .standard) {
            self.name = name
            self.limit = limit
            self.received = received
            self.options = options
            self.due = due
            self.basis = basis
        }
    }

    static let bundle = CountingOptions(afterCutOffCountsFromNextWorkingDay: "Decree 63/2024/NĐ-CP")

    static let examples: [Example] = [
        // Working days: the day of receipt is not counted; due at closing of the n-th working day.
        Example("received Monday 07:30, 3 working days", .workingDays(3), T.at(2026, 3, 9, 7, 30), T.at(2026, 3, 12, 17), basis: "Civil Code arts. 147(2), 148(1)"),
        Example("received Monday 10:00, 3 working days", .workingDays(3), T.at(2026, 3, 9, 10), T.at(2026, 3, 12, 17), basis: "Civil Code arts. 147(2), 148(1)"),
        Example("received after hours (online, Monday 20:00)", .workingDays(3), T.at(2026, 3, 9, 20), T.at(2026, 3, 12, 17), basis: "Civil Code art. 147(2)"),
        Example("received on a closed day (Saturday)", .workingDays(3), T.at(2026, 3, 14, 10), T.at(2026, 3, 18, 17), basis: "Civil Code art. 147(2); the weekend is not a working day"),
        Example("received on the make-up Saturday 10 Jan 2026", .workingDays(1), T.at(2026, 1, 10, 9), T.at(2026, 1, 12, 17), basis: "CV 12729/VPCP-KGVX; Civil Code art. 147(2)"),
        Example("make-up Saturday counts as a working day (law review §2: Mon 12 Jan)", .workingDays(3), T.at(2026, 1, 8, 10), T.at(2026, 1, 12, 17), basis: "CV 12729/VPCP-KGVX: Sat 10 Jan worked"),
        Example("across Tết 2026", .workingDays(3), T.at(2026, 2, 12, 10), T.at(2026, 2, 24, 17), basis: "TB 9441/TB-BNV: 16–20 Feb off"),
        Example("across the year boundary into provisional 2027", .workingDays(10), T.at(2026, 12, 28, 16, 10), T.at(2027, 1, 12, 17), basis: "Labour Code art. 112(1)(a): 1 Jan 2027 off"),
        Example("across Tết 2027 (provisional: only mùng 1, moved to Mon 8 Feb)", .workingDays(3), T.at(2027, 2, 4, 10), T.at(2027, 2, 10, 17), basis: "Labour Code arts. 112(1)(b), 111(3)"),
        // Same day with the 15:00 cut-off.
        Example("same day, received 14:59", .sameDay, T.at(2026, 3, 9, 14, 59), T.at(2026, 3, 9, 17), basis: "Decree 23/2015 art. 7"),
        Example("same day, received 15:00", .sameDay, T.at(2026, 3, 9, 15), T.at(2026, 3, 10, 17), basis: "Decree 23/2015 art. 7"),
        Example("same day, Friday 9 Jan 2026 after 15:00: due on the make-up Saturday", .sameDay, T.at(2026, 1, 9, 16), T.at(2026, 1, 10, 17), basis: "Decree 23/2015 art. 7; CV 12729/VPCP-KGVX"),
        Example("same day, received on a Sunday", .sameDay, T.at(2026, 3, 15, 9), T.at(2026, 3, 16, 17), basis: "Decree 23/2015 art. 7"),
        // Working hours: from the moment of receipt.
        Example("8 working hours from Monday 10:00", .workingHours(8), T.at(2026, 3, 9, 10), T.at(2026, 3, 10, 10), basis: "Civil Code art. 147(1)"),
        // Calendar days.
        Example("15 calendar days ending on a Tuesday", .calendarDays(15), T.at(2026, 3, 2, 9), T.at(2026, 3, 17, 17), basis: "Law on Construction art. 102; Civil Code arts. 147(2), 148(1)"),
        Example("15 calendar days ending on a Saturday run to Monday", .calendarDays(15), T.at(2026, 3, 6, 9), T.at(2026, 3, 23, 17), basis: "Civil Code art. 148(5)"),
        Example("15 calendar days ending in Tết run to the first working day after it", .calendarDays(15), T.at(2026, 2, 1, 9), T.at(2026, 2, 23, 17), basis: "Civil Code art. 148(5); TB 9441/TB-BNV"),
        // The Decree 63/2024 bundle: after 15:00 counts from the next working day.
        Example("bundle received 15:30: counted from the next working day", .workingDays(3), T.at(2026, 3, 9, 15, 30), T.at(2026, 3, 13, 17), basis: "Decree 63/2024/NĐ-CP", options: bundle),
        Example("bundle received 14:00: the ordinary rule", .workingDays(3), T.at(2026, 3, 9, 14), T.at(2026, 3, 12, 17), basis: "Civil Code arts. 147(2), 148(1)", options: bundle),
        Example("same dossier outside the bundle at 15:30", .workingDays(3), T.at(2026, 3, 9, 15, 30), T.at(2026, 3, 12, 17), basis: "Civil Code arts. 147(2), 148(1)"),
    ]

    @Test(arguments: examples)
    func workedExample(_ example: Example) throws {
        let calendar = try ReferenceResources.publishedCalendar()
        let explanation = calendar.explainDueDate(for: example.limit, receivedAt: example.received, options: example.options)
        #expect(explanation.dueAt == example.due)
        #expect(calendar.dueDate(for: example.limit, receivedAt: example.received, options: example.options) == example.due)
        #expect(explanation.steps.last?.kind == .due)
    }

    @Test("done when: a dossier received at 16:10 on 28 Dec 2026 with 10 working days is promised Tuesday 12 Jan 2027, provisionally, step by step")
    func twentyEighthOfDecember() throws {
        let calendar = try ReferenceResources.publishedCalendar()
        let explanation = calendar.explainDueDate(for: .workingDays(10), receivedAt: T.at(2026, 12, 28, 16, 10))
        #expect(explanation.dueAt == T.at(2027, 1, 12, 17))
        #expect(explanation.isProvisional)
        #expect(explanation.provisionalYears == [2027])
        let counted = explanation.steps.filter { $0.kind == .counted }.map(\.date)
        #expect(
            counted == [
                T.date(2026, 12, 29), T.date(2026, 12, 30), T.date(2026, 12, 31), T.date(2027, 1, 4), T.date(2027, 1, 5), T.date(2027, 1, 6),
                T.date(2027, 1, 7), T.date(2027, 1, 8), T.date(2027, 1, 11), T.date(2027, 1, 12),
            ])
        let newYear = try #require(explanation.steps.first { $0.date == T.date(2027, 1, 1) })
        #expect(newYear.kind == .skipped)
        #expect(newYear.textVi.contains("Tết Dương lịch"))
        #expect(newYear.source?.contains("112(1)(a)") == true)
        #expect(newYear.provisional)
        #expect(explanation.steps.first?.kind == .received)
        #expect(explanation.steps[1].kind == .notCounted && explanation.steps[1].date == T.date(2026, 12, 28))
        #expect(explanation.sources.contains(CountingRule.daysStartSource))
        let text = explanation.rendered(procedure: "test")
        #expect(text.contains("2027-01-12 17:00"))
        #expect(text.contains("PROVISIONAL"))
    }

    @Test("an official 2027 notice replaces the provisional days and ends the provisional mark")
    func officialNoticeReplacesProvisional() throws {
        let official = Data(
            """
            { "year": 2027, "status": "official", "version": 1, "source": "hypothetical notice (test only)",
              "daysOff": [
                { "date": "2027-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day", "source": "test" },
                { "date": "2027-01-04", "nameVi": "Nghỉ thêm (giả định)", "nameEn": "Extra day (hypothetical)", "source": "test" } ],
              "workedDays": [] }
            """.utf8)
        let schedule = try HolidaySchedule.combining([
            try ReferenceResources.publishedSchedule(), try HolidaySchedule.decode(official, source: "vn-2027-official.json"),
        ])
        let calendar = WorkingCalendar(schedule: schedule)
        #expect(calendar.status(of: 2027) == .official)
        #expect(calendar.isWorkingDay(T.date(2027, 2, 8)))  // the provisional Tết make-up day is gone
        let explanation = calendar.explainDueDate(for: .workingDays(10), receivedAt: T.at(2026, 12, 28, 16, 10))
        #expect(!explanation.isProvisional)
        #expect(explanation.dueAt == T.at(2027, 1, 13, 17))
    }
}
