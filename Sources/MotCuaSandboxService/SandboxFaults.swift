import MotCuaDomain
import Synchronization

/// Faults the sandbox injects into its own answers, set over HTTP (`PUT /sandbox/faults`), so that drills
/// and tests can make the platform's ordinary client, which sends no special headers, see an outage.
///
/// It also counts the look-ups that reached each registry, so a test can prove that an open circuit
/// breaker kept requests off the network.
public final class SandboxFaults: Sendable {
    /// What to do to matching requests.
    public struct Fault: Sendable, Hashable, Codable {
        /// Answer with this status instead (400–599), after any delay.
        public var failStatus: Int?
        /// Wait this long before answering (0–60,000 ms).
        public var delayMs: Int?
        /// Affect only this many more requests, then clear itself; `nil` is "until cleared". A transient fault
        /// (fewer failures than the client's attempts) shows that a retry recovers.
        public var remaining: Int?

        public init(failStatus: Int? = nil, delayMs: Int? = nil, remaining: Int? = nil) {
            self.failStatus = failStatus
            self.delayMs = delayMs
            self.remaining = remaining
        }
    }

    private struct State {
        /// Keyed by registry; the `nil` key is "all registries", updates included.
        var faults: [RegistrySource?: Fault] = [:]
        var requests: [RegistrySource?: Int] = [:]
        var inFlight = 0
        var peakInFlight = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the fault for one registry, or for all (`nil`), replacing the previous one.
    public func set(_ fault: Fault, for registry: RegistrySource?) {
        state.withLock { $0.faults[registry] = fault }
    }

    /// Removes every fault; request counts are kept.
    public func clear() {
        state.withLock { $0.faults.removeAll() }
    }

    /// Requests that reached a registry's routes (`nil`: the update endpoint), faulted ones included.
    public func requestCount(_ registry: RegistrySource?) -> Int {
        state.withLock { $0.requests[registry] ?? 0 }
    }

    /// The most requests the sandbox was answering at one time since it started: shows whether a client
    /// sends in parallel.
    public var peakInFlight: Int {
        state.withLock { $0.peakInFlight }
    }

    /// A request arrived and is being answered; pair with ``left()``.
    func entered() {
        state.withLock { state in
            state.inFlight += 1
            state.peakInFlight = max(state.peakInFlight, state.inFlight)
        }
    }

    /// A request was answered (or failed).
    func left() {
        state.withLock { $0.inFlight -= 1 }
    }

    /// Counts a request and returns the fault that applies to it, using up one of a counted fault's turns.
    func arrival(for registry: RegistrySource?) -> Fault? {
        state.withLock { state in
            state.requests[registry, default: 0] += 1
            // A fault set for this registry wins over one set for all.
            let matched: RegistrySource? = state.faults[registry] != nil ? registry : nil
            guard var fault = state.faults[matched] else { return nil }
            if let remaining = fault.remaining {
                fault.remaining = remaining - 1
                state.faults[matched] = remaining > 1 ? fault : nil
            }
            return fault
        }
    }
}
