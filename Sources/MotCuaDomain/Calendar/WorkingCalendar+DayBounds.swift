import Foundation

extension WorkingCalendar {
    /// Midnight in Vietnam (UTC+7, no daylight saving) that starts the day containing `instant`; daily
    /// quotas count from it.
    public static func startOfDay(containing instant: Date) -> Date {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        return gregorian.startOfDay(for: instant)
    }

    /// Whole seconds (at least 1) from `instant` to the next midnight in Vietnam, for `Retry-After` on daily quotas.
    public static func secondsToNextDay(after instant: Date) -> Int {
        let next = startOfDay(containing: instant).addingTimeInterval(86_400)
        return max(1, Int(next.timeIntervalSince(instant).rounded(.up)))
    }
}
