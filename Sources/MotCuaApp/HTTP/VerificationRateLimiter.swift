import HTTPTypes
import Foundation
import Synchronization

/// Limits public result verification per client address (fixed one-minute windows, in memory, per process),
/// so the page cannot be used to sweep identifiers at speed.
final class VerificationRateLimiter: Sendable {
    private let perMinute: Int
    private let now: @Sendable () -> Date
    private let windows = Mutex<(start: Date, counts: [String: Int])>((Date(timeIntervalSince1970: 0), [:]))

    /// What is being limited, in the 429's words (Vietnamese, English).
    private let subject: (vi: String, en: String)

    init(perMinute: Int, subject: (vi: String, en: String) = ("lượt tra cứu", "verifications"), now: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = perMinute
        self.subject = subject
        self.now = now
    }

    /// Counts one request from `address`; throws 429 with Retry-After when the address is over its limit.
    func admit(_ address: String?) throws {
        let now = now()
        let wait: Int? = windows.withLock { state in
            if now.timeIntervalSince(state.start) >= 60 { state = (now, [:]) }
            let key = address ?? "unknown"
            let count = (state.counts[key] ?? 0) + 1
            state.counts[key] = count
            return count > perMinute ? max(1, Int((60 - now.timeIntervalSince(state.start)).rounded(.up))) : nil
        }
        if let wait {
            throw Problem(
                .tooManyRequests, "rate-limited", "Quá nhiều \(subject.vi), thử lại sau \(wait) giây / too many \(subject.en); retry in \(wait) s",
                headers: [.retryAfter: String(wait)])
        }
    }
}
