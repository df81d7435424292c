import Foundation
import Synchronization

/// A token bucket of processor seconds for password checks: it refills at `share` seconds per second (a share of
/// one core) up to `burst` seconds. A check is admitted while the bucket is not empty and charged its measured
/// processor time afterwards, so the budget holds whatever the hash cost and the machine's speed.
///
/// At cost 12 (about a quarter of a second per check on this machine), the defaults admit about one check a
/// second from unfamiliar addresses, after a burst of about sixteen: ample for officials on new devices, and all
/// that a flood of guesses from many addresses can take from the requests being served.
final class HashingBudget: Sendable {
    let share: Double
    let burst: Double
    private let state: Mutex<(tokens: Double, at: ContinuousClock.Instant)>

    init(share: Double = 0.25, burst: Double = 4) {
        self.share = share
        self.burst = burst
        state = Mutex((burst, ContinuousClock.now))
    }

    /// Whether a check may start now.
    func available() -> Bool {
        state.withLock { state in
            refill(&state)
            return state.tokens > 0
        }
    }

    /// Takes a finished check's processor time from the bucket (which may go below zero: the next checks wait).
    func charge(seconds: Double) {
        state.withLock { state in
            refill(&state)
            state.tokens -= max(0, seconds)
        }
    }

    private func refill(_ state: inout (tokens: Double, at: ContinuousClock.Instant)) {
        let now = ContinuousClock.now
        let elapsed = now - state.at
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        state.tokens = min(burst, state.tokens + seconds * share)
        state.at = now
    }
}
