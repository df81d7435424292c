import Foundation
import MotCuaDomain
import Synchronization

/// Per-official quotas on look-ups at people's national data: at most `perMinute` in any rolling minute and
/// `perDay` per Vietnam calendar day. In memory, per process (like the other rate limits); the access log
/// keeps the durable record of every look-up that was made.
final class LookUpQuota: Sendable {
    /// Which quota refused a look-up, and when the official may try again.
    struct Refusal: Error, Sendable, Hashable {
        enum Window: String, Sendable { case minute, day }
        let window: Window
        let retryAfterSeconds: Int
    }

    private struct Usage {
        var recent: [Date] = []
        var day: LocalDate?
        var countToday = 0
    }

    let perMinute: Int
    let perDay: Int
    private let calendar: WorkingCalendar
    private let state = Mutex<[String: Usage]>([:])

    init(perMinute: Int, perDay: Int, calendar: WorkingCalendar) {
        self.perMinute = perMinute
        self.perDay = perDay
        self.calendar = calendar
    }

    /// Counts one look-up by the official, or refuses it without counting.
    func admit(_ officialID: String, at now: Date) throws(Refusal) {
        let today = calendar.localDate(of: now)
        let refusal: Refusal? = state.withLock { state in
            var usage = state[officialID] ?? Usage()
            if usage.day != today { (usage.day, usage.countToday) = (today, 0) }
            usage.recent.removeAll { now.timeIntervalSince($0) >= 60 }
            if usage.countToday >= perDay {
                return Refusal(window: .day, retryAfterSeconds: WorkingCalendar.secondsToNextDay(after: now))
            }
            if usage.recent.count >= perMinute, let oldest = usage.recent.first {
                return Refusal(window: .minute, retryAfterSeconds: max(1, Int((60 - now.timeIntervalSince(oldest)).rounded(.up))))
            }
            usage.recent.append(now)
            usage.countToday += 1
            state[officialID] = usage
            return nil
        }
        if let refusal { throw refusal }
    }
}
