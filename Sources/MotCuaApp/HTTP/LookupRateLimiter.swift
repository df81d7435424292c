import Foundation
import Synchronization

/// Limits the public status look-up, which anyone can call: per client address (scraping) and per dossier
/// code (guessing the four digits, 10,000 possibilities). Fixed windows in memory, per process.
final class LookupRateLimiter: Sendable {
    struct Limits: Sendable {
        /// Requests per address per window.
        var perAddress = 30
        /// Wrong digit guesses per dossier code per window.
        var failuresPerCode = 5
        var window: TimeInterval = 60
    }

    private struct Counter {
        var windowStart: Date
        var count: Int
    }

    private let limits: Limits
    private let state = Mutex<(addresses: [String: Counter], codes: [String: Counter])>(([:], [:]))

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Counts a request; returns the seconds to wait when over the limit.
    func admit(address: String, code: String, at now: Date) -> Int? {
        state.withLock { state in
            if state.addresses.count > 100_000 { state.addresses = state.addresses.filter { now.timeIntervalSince($0.value.windowStart) < limits.window } }
            if let blocked = Self.retryAfter(state.codes[code], limit: limits.failuresPerCode, window: limits.window, now: now) {
                return blocked
            }
            return Self.count(&state.addresses, address, limit: limits.perAddress, window: limits.window, now: now)
        }
    }

    /// Records a wrong guess for a code.
    func recordFailure(code: String, at now: Date) {
        state.withLock { state in
            if state.codes.count > 100_000 { state.codes = state.codes.filter { now.timeIntervalSince($0.value.windowStart) < limits.window } }
            _ = Self.count(&state.codes, code, limit: .max, window: limits.window, now: now)
        }
    }

    private static func count(_ counters: inout [String: Counter], _ key: String, limit: Int, window: TimeInterval, now: Date) -> Int? {
        var counter = counters[key] ?? Counter(windowStart: now, count: 0)
        if now.timeIntervalSince(counter.windowStart) >= window { counter = Counter(windowStart: now, count: 0) }
        counter.count += 1
        counters[key] = counter
        return counter.count > limit ? retry(counter, window: window, now: now) : nil
    }

    private static func retryAfter(_ counter: Counter?, limit: Int, window: TimeInterval, now: Date) -> Int? {
        guard let counter, now.timeIntervalSince(counter.windowStart) < window, counter.count >= limit else { return nil }
        return retry(counter, window: window, now: now)
    }

    private static func retry(_ counter: Counter, window: TimeInterval, now: Date) -> Int {
        max(1, Int((window - now.timeIntervalSince(counter.windowStart)).rounded(.up)))
    }
}
