import Foundation
import MotCuaDomain
import Testing

/// Properties checked over every part of 2025–2026 with a deterministic walk, so a failure is reproducible.
@Suite struct WorkingCalendarPropertyTests {
    let calendar: WorkingCalendar
    /// Receipt instants from 1 Jan 2025 to 31 Dec 2026, 37 minutes apart (so minutes and hours vary),
    /// plus every session boundary and the cut-off of every day, one minute either side.
    let instants: [Date]
    static let limits: [TimeLimit] = [
        .sameDay, .workingDays(1), .workingDays(3), .workingDays(7), .workingDays(20), .workingHours(4), .workingHours(8),
    ]

    init() throws {
        calendar = try ReferenceResources.publishedCalendar()
        let start = VietnamTime.at(2025, 1, 1)
        let end = VietnamTime.at(2027, 1, 1)
        var instants: [Date] = []
        var instant = start
        while instant < end {
            instants.append(instant)
            instant += 37 * 60
        }
        var day = VietnamTime.date(2025, 1, 1)
        while day.year < 2027 {
            for (hour, minute) in [(7, 30), (11, 30), (13, 0), (15, 0), (17, 0)] {
                let moment = VietnamTime.at(day.year, day.month, day.day, hour, minute)
                instants += [moment - 60, moment, moment + 60]
            }
            day = day.adding(days: 1)
        }
        self.instants = instants.sorted()
    }

    @Test func dueDateIsAlwaysInsideOfficeHoursOnAWorkingDay() {
        var failures: [String] = []
        for received in instants {
            for limit in Self.limits {
                let due = calendar.dueDate(for: limit, receivedAt: received)
                if !calendar.isInsideOfficeHours(due) || !calendar.isWorkingDay(calendar.localDate(of: due)) {
                    failures.append("\(limit) received \(received) due \(due)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func dueDateNeverMovesBackWhenReceiptIsLater() {
        var failures: [String] = []
        for limit in Self.limits {
            var previous: (received: Date, due: Date)?
            for received in instants {
                let due = calendar.dueDate(for: limit, receivedAt: received)
                if let previous, due < previous.due {
                    failures.append("\(limit): \(previous.received)→\(previous.due) but \(received)→\(due)")
                }
                previous = (received, due)
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func workingMinutesUndoAddingWorkingMinutes() {
        var failures: [String] = []
        for (index, start) in instants.enumerated() where index % 3 == 0 {
            for minutes in [0, 1, 59, 90, 240, 479, 480, 481, 1440, 9600] {
                let end = calendar.addingWorkingMinutes(minutes, to: start)
                let measured = calendar.workingMinutes(from: start, to: end)
                if measured != minutes || end < start { failures.append("\(start) + \(minutes) = \(end), measured \(measured)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func workingMinutesAddUpOverConsecutiveIntervals() {
        var failures: [String] = []
        for index in stride(from: 0, to: instants.count - 400, by: 97) {
            let (a, b, c) = (instants[index], instants[index + 150], instants[index + 400])
            let whole = calendar.workingMinutes(from: a, to: c)
            let parts = calendar.workingMinutes(from: a, to: b) + calendar.workingMinutes(from: b, to: c)
            if whole != parts { failures.append("\(a) \(b) \(c): \(whole) ≠ \(parts)") }
            if calendar.workingMinutes(from: c, to: a) != 0 { failures.append("reversed interval \(a) \(c) is not 0") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func addingWorkingDaysLandsOnAWorkingDayExactlyNWorkingDaysLater() {
        var failures: [String] = []
        var day = VietnamTime.date(2025, 1, 1)
        while day.year < 2027 {
            for n in [1, 2, 3, 5, 10, 20] {
                let result = calendar.addingWorkingDays(n, to: day)
                var counted = 0
                var cursor = day.adding(days: 1)
                while cursor <= result {
                    if calendar.isWorkingDay(cursor) { counted += 1 }
                    cursor = cursor.adding(days: 1)
                }
                if !calendar.isWorkingDay(result) || counted != n { failures.append("\(day) + \(n) = \(result) (\(counted))") }
                if calendar.addingWorkingDays(-n, to: result) > day { failures.append("\(result) - \(n) overshoots \(day)") }
            }
            day = day.adding(days: 1)
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func stepDeadlinesAreOrderedAndTheLastIsTheDueDate() {
        let shareSets: [[Double]] = [
            [0.1, 0.4, 0.2, 0.1, 0.2], [0.05, 0.6, 0.2, 0.1, 0.05], [0.2, 0.2, 0.2, 0.2, 0.2], [0.001, 0.996, 0.001, 0.001, 0.001],
        ]
        var failures: [String] = []
        for (index, received) in instants.enumerated() where index % 5 == 0 {
            for limit in Self.limits {
                let due = calendar.dueDate(for: limit, receivedAt: received)
                for shares in shareSets {
                    let deadlines = calendar.stepDeadlines(shares: shares, limit: limit, receivedAt: received)
                    let ordered = zip(deadlines, deadlines.dropFirst()).allSatisfy { $0 <= $1 }
                    if deadlines.count != shares.count || !ordered || deadlines.last != due {
                        failures.append("\(limit) received \(received) shares \(shares): \(deadlines)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test("Local timestamps are Vietnam time with zero-padded hours and minutes, matching a Foundation formatter at every walked instant")
    func localTimestampsMatchFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        #expect(WorkingCalendar.localTimestamp(Date(timeIntervalSince1970: 1_767_287_100)) == "2026-01-02 00:05")
        for instant in instants { #expect(WorkingCalendar.localTimestamp(instant) == formatter.string(from: instant)) }
    }
}
