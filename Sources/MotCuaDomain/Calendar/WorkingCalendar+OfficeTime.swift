import Foundation

extension WorkingCalendar {
    /// Moves forward through office time only.
    ///
    /// An instant outside office hours first moves to the next office minute (the next session start, or
    /// the first session of the next working day), so a dossier received on Saturday starts counting on
    /// Monday at 07:30. A result that exhausts a session lands on the session's end (11:30 or 17:00) rather
    /// than on the next session's start, because "by the end of the day" is how a deadline is announced.
    /// - Parameter minutes: office minutes to add; must not be negative.
    public func addingWorkingMinutes(_ minutes: Int, to instant: Date) -> Date {
        precondition(minutes >= 0, "working minutes to add must not be negative")
        let start = Position(instant)
        var remaining = minutes * Self.millisecondsPerMinute
        var day = start.day
        while true {
            if isWorkingDay(dayNumber: day) {
                for session in hours.sessions {
                    let sessionStart = session.start * Self.millisecondsPerMinute
                    let sessionEnd = session.end * Self.millisecondsPerMinute
                    let from = day == start.day ? max(sessionStart, start.millisecond) : sessionStart
                    guard from <= sessionEnd else { continue }
                    let available = sessionEnd - from
                    if remaining <= available {
                        return Position(day: day, millisecond: from + remaining).date
                    }
                    remaining -= available
                }
            }
            day += 1
        }
    }

    /// Whole office minutes between two instants; 0 when `to` is not after `from`.
    public func workingMinutes(from: Date, to: Date) -> Int {
        let start = Position(from)
        let end = Position(to)
        guard start < end else { return 0 }
        var total = 0
        for day in start.day...end.day where isWorkingDay(dayNumber: day) {
            for session in hours.sessions {
                var lower = session.start * Self.millisecondsPerMinute
                var upper = session.end * Self.millisecondsPerMinute
                if day == start.day { lower = max(lower, start.millisecond) }
                if day == end.day { upper = min(upper, end.millisecond) }
                if upper > lower { total += upper - lower }
            }
        }
        return total / Self.millisecondsPerMinute
    }

    /// Midnight at the start of `date`, Vietnam time.
    public func startOfDay(_ date: LocalDate) -> Date {
        Position(day: date.daysSinceEpoch, millisecond: 0).date
    }

    /// The instant at which office hours end on `date` (17:00 with `.standard`).
    public func endOfOfficeHours(on date: LocalDate) -> Date {
        Position(day: date.daysSinceEpoch, millisecond: hours.closing * Self.millisecondsPerMinute).date
    }
}
