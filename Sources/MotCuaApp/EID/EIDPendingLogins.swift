import Foundation
import MotCuaIntegrations
import Synchronization

/// Sign-ins sent to the e-ID provider and not yet back, keyed by state. In memory: a sign-in that spans a
/// restart simply starts again. Each is usable once and for ten minutes.
///
/// `/auth/eid/start` is anonymous, so the store is bounded: at most `capacity` entries, the oldest dropped
/// first, and expired entries removed in insertion order. Every entry lives equally long, so insertion order
/// is expiry order and each request does O(1) amortised work, however many sign-ins are pending.
final class EIDPendingLogins: Sendable {
    /// One sign-in in progress and where to send the citizen afterwards.
    struct Pending: Sendable {
        let request: EIDAuthorizationRequest
        let returnTo: String
        let expiresAt: Date
    }

    private struct Store {
        var byState: [String: Pending] = [:]
        /// States in insertion order; `head` is the oldest still queued.
        var order: [String] = []
        var head = 0

        mutating func dropOldest() {
            byState.removeValue(forKey: order[head])
            head += 1
            // Compact once the consumed prefix dominates, keeping the array proportional to the live entries.
            if head > 1_024, head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
        }
    }

    static let lifetime: TimeInterval = 10 * 60
    let capacity: Int
    private let store = Mutex(Store())

    /// - Parameter capacity: sign-ins pending at once; past it the oldest is forgotten (its citizen starts again).
    init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { store.withLock { $0.byState.count } }

    func insert(_ request: EIDAuthorizationRequest, returnTo: String, now: Date) {
        store.withLock { store in
            while store.head < store.order.count {
                let oldest = store.order[store.head]
                // Taken entries leave a stale state in the queue; skip it. Live ones expire in order.
                if let entry = store.byState[oldest], entry.expiresAt > now, store.byState.count < capacity { break }
                store.dropOldest()
            }
            store.byState[request.state] = Pending(
                request: request, returnTo: returnTo, expiresAt: now.addingTimeInterval(Self.lifetime))
            store.order.append(request.state)
        }
    }

    /// Removes and returns the sign-in for `state` if it has not expired.
    func take(state: String, now: Date) -> Pending? {
        store.withLock { $0.byState.removeValue(forKey: state) }.flatMap { $0.expiresAt > now ? $0 : nil }
    }
}
