import Synchronization

/// A circuit breaker for one registry: after ``threshold`` consecutive failed calls it opens and refuses calls
/// without touching the network; after ``coolDown`` it lets a single probe through (half-open), and the
/// probe's outcome closes it again or re-opens it for another cool-down.
///
/// Failing fast matters more than it looks: while a registry is down, every counter that waits for it holds a
/// citizen and a connection, and retries from many counters would keep a recovering registry down.
/// The clock is injected so that tests can move time by hand.
public final class CircuitBreaker<C: Clock>: Sendable where C.Duration == Duration {
    /// The breaker's state as callers see it.
    public enum State: Sendable, Hashable {
        case closed
        case open
        case halfOpen
    }

    private enum Phase {
        case closed(consecutiveFailures: Int)
        case open(until: C.Instant)
        /// One probe is in flight; everyone else is refused until it reports.
        case halfOpen
    }

    public let threshold: Int
    public let coolDown: Duration
    private let clock: C
    private let phase = Mutex<Phase>(.closed(consecutiveFailures: 0))

    public init(threshold: Int, coolDown: Duration, clock: C) {
        self.threshold = max(1, threshold)
        self.coolDown = coolDown
        self.clock = clock
    }

    /// Whether a call may go ahead now. When it answers `true` for an open breaker whose cool-down is over,
    /// the caller is the probe and must report its outcome.
    public func permit() -> Bool {
        let now = clock.now
        return phase.withLock { phase in
            switch phase {
            case .closed: return true
            case .halfOpen: return false
            case .open(let until):
                guard now >= until else { return false }
                phase = .halfOpen
                return true
            }
        }
    }

    /// The registry answered (even "not found" or a refusal): it is up.
    public func recordSuccess() {
        phase.withLock { $0 = .closed(consecutiveFailures: 0) }
    }

    /// The registry could not answer.
    public func recordFailure() {
        let reopenAt = clock.now.advanced(by: coolDown)
        phase.withLock { phase in
            switch phase {
            case .closed(let failures):
                phase = failures + 1 >= threshold ? .open(until: reopenAt) : .closed(consecutiveFailures: failures + 1)
            case .halfOpen, .open:
                phase = .open(until: reopenAt)
            }
        }
    }

    /// The call was abandoned by its caller (task cancelled): it says nothing about the registry, but a
    /// probe must hand its turn on, or the breaker would stay half-open for ever.
    public func recordAbandoned() {
        let now = clock.now
        phase.withLock { phase in
            if case .halfOpen = phase { phase = .open(until: now) }
        }
    }

    public var state: State {
        phase.withLock { phase in
            switch phase {
            case .closed: .closed
            case .open: .open
            case .halfOpen: .halfOpen
            }
        }
    }
}
