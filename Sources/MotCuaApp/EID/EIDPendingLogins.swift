import Foundation
import MotCuaIntegrations
import Synchronization

/// Sign-ins sent to the e-ID provider and not yet back, keyed by state. In memory: a sign-in that spans a
/// restart simply starts again. Each is usable once and for ten minutes.
final class EIDPendingLogins: Sendable {
    /// One sign-in in progress and where to send the citizen afterwards.
    struct Pending: Sendable {
        let request: EIDAuthorizationRequest
        let returnTo: String
        let expiresAt: Date
    }

    static let lifetime: TimeInterval = 10 * 60
    private let pending = Mutex<[String: Pending]>([:])

    func insert(_ request: EIDAuthorizationRequest, returnTo: String, now: Date) {
        pending.withLock { pending in
            pending = pending.filter { $0.value.expiresAt > now }
            pending[request.state] = Pending(request: request, returnTo: returnTo, expiresAt: now.addingTimeInterval(Self.lifetime))
        }
    }

    /// Removes and returns the sign-in for `state` if it has not expired.
    func take(state: String, now: Date) -> Pending? {
        pending.withLock { $0.removeValue(forKey: state) }.flatMap { $0.expiresAt > now ? $0 : nil }
    }
}
