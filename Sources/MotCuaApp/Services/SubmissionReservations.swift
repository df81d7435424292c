import Synchronization

/// Online submissions in flight per citizen account, so concurrent submissions by one account cannot all pass
/// the daily quota check before any of them is stored. Per process; a submission stays reserved until its
/// request ends, so one just committed may briefly count twice (a conservative refusal, never an overshoot).
final class SubmissionReservations: Sendable {
    private let inFlight = Mutex<[String: Int]>([:])

    /// Reserves a slot for the account; returns how many other submissions of it are in flight.
    func reserve(_ account: String) -> Int {
        inFlight.withLock { state in
            let others = state[account, default: 0]
            state[account] = others + 1
            return others
        }
    }

    func release(_ account: String) {
        inFlight.withLock { state in
            let left = state[account, default: 1] - 1
            state[account] = left > 0 ? left : nil
        }
    }
}
