import Foundation

extension WorkingCalendar {
    /// When a dossier received at `receivedAt` must be finished.
    ///
    /// - `workingDays(n)`: `n` × the day's office minutes later (received Monday 10:00, 3 days: Thursday 10:00).
    /// - `workingHours(n)`: `n` × 60 office minutes later.
    /// - `sameDay`: the end of office hours that day when received on a working day before the cut-off,
    ///   otherwise the end of office hours of the next working day.
    public func dueDate(for limit: TimeLimit, receivedAt: Date) -> Date {
        switch limit {
        case .workingDays(let days):
            return addingWorkingMinutes(max(0, days) * hours.minutesPerDay, to: receivedAt)
        case .workingHours(let hours):
            return addingWorkingMinutes(max(0, hours) * 60, to: receivedAt)
        case .sameDay:
            let position = Position(receivedAt)
            let day = LocalDate(daysSinceEpoch: position.day)
            let beforeCutOff = position.millisecond < sameDayCutOffMinute * Self.millisecondsPerMinute
            let dueDay = isWorkingDay(day) && beforeCutOff ? day : nextWorkingDay(after: day)
            return endOfOfficeHours(on: dueDay)
        }
    }

    /// The office minutes the due date allows, i.e. the budget that step deadlines divide.
    ///
    /// For `sameDay` it is the office time actually left between receipt and the due date, so it depends
    /// on the time of receipt.
    public func totalWorkingMinutes(for limit: TimeLimit, receivedAt: Date) -> Int {
        switch limit {
        case .workingDays(let days): max(0, days) * hours.minutesPerDay
        case .workingHours(let hours): max(0, hours) * 60
        case .sameDay: workingMinutes(from: receivedAt, to: dueDate(for: .sameDay, receivedAt: receivedAt))
        }
    }

    /// Cumulative deadlines of the process steps.
    ///
    /// Step `i` is due `round(sum(shares[0...i]) × total)` office minutes after receipt, and the last step is
    /// due exactly at `dueDate`. Negative shares count as 0 and every step is capped at the total, so the
    /// result is always in order even for data the catalogue would reject.
    /// - Parameter shares: each step's fraction of the time limit, in process order (the catalogue
    ///   guarantees they are positive and sum to 1).
    public func stepDeadlines(shares: [Double], limit: TimeLimit, receivedAt: Date) -> [Date] {
        guard !shares.isEmpty else { return [] }
        let due = dueDate(for: limit, receivedAt: receivedAt)
        let total = totalWorkingMinutes(for: limit, receivedAt: receivedAt)
        var cumulative = 0.0
        var deadlines: [Date] = []
        for share in shares.dropLast() {
            cumulative += share.isFinite ? max(0, share) : 0
            let minutes = min(total, Int((cumulative * Double(total)).rounded()))
            deadlines.append(addingWorkingMinutes(minutes, to: receivedAt))
        }
        deadlines.append(due)
        return deadlines
    }
}
