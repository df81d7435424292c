import Foundation
import Synchronization

/// Failed sign-ins per client address, in fixed windows, in memory per process. This carries most of the
/// weight against guessing: an address that keeps failing is refused (429) before any hash is computed,
/// while the per-account lock stays short and cannot be renewed forever. An attempt is counted before its
/// password is checked, so parallel guesses cannot slip through one window, and refunded if it succeeds.
final class SignInThrottle: Sendable {
    private struct Counter {
        var windowStart: Date
        var count: Int
    }

    private let limit: Int
    private let window: TimeInterval
    private let counters = Mutex<[String: Counter]>([:])

    init(failuresPerAddress: Int, window: TimeInterval) {
        self.limit = failuresPerAddress
        self.window = window
    }

    /// Counts an attempt from `address`; returns the seconds to wait when the address is over its limit.
    func admit(address: String, at now: Date) -> Int? {
        counters.withLock { counters in
            if counters.count > 100_000 { counters = counters.filter { now.timeIntervalSince($0.value.windowStart) < window } }
            var counter = counters[address] ?? Counter(windowStart: now, count: 0)
            if now.timeIntervalSince(counter.windowStart) >= window { counter = Counter(windowStart: now, count: 0) }
            guard counter.count < limit else {
                return max(1, Int((window - now.timeIntervalSince(counter.windowStart)).rounded(.up)))
            }
            counter.count += 1
            counters[address] = counter
            return nil
        }
    }

    /// Gives back an admitted attempt that succeeded, or that was refused without checking a password.
    func refund(address: String) {
        counters.withLock { counters in
            if let counter = counters[address], counter.count > 0 { counters[address]?.count = counter.count - 1 }
        }
    }
}
