import Synchronization

/// The sandbox registry's memory of the updates it has answered, by request id (`X-Road-Id`), so that a
/// replayed request (a client that sent it but crashed or timed out before recording the answer) gets the
/// original answer instead of being applied twice, as the national gateway deduplicates.
///
/// Both outcomes are remembered: an accepted update answers its original receipt again, a refused one its
/// original refusal. Answers lost to an injected fault were never given, so they are not remembered.
public final class UpdateLedger: Sendable {
    /// What the registry answered to one request.
    enum Answer: Sendable, Hashable {
        case applied(reference: String?)
        case refused(message: String)
    }

    private struct State {
        var answers: [String: Answer] = [:]
        var applied = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Updates the registry has applied (replays not counted).
    public var appliedCount: Int { state.withLock { $0.applied } }

    /// Requests answered so far, each counted once however often it was replayed.
    public var answeredCount: Int { state.withLock { $0.answers.count } }

    /// The answer already given to this request id, or the one `apply` gives now, remembered under the id.
    /// The lock is held across `apply`, so two copies of one request arriving together are applied once.
    /// An error `apply` throws is passed on and nothing is remembered.
    func answer(requestID: String, _ apply: () throws -> Answer) throws -> Answer {
        try state.withLock { state in
            if let earlier = state.answers[requestID] { return earlier }
            let answer = try apply()
            state.answers[requestID] = answer
            if case .applied = answer { state.applied += 1 }
            return answer
        }
    }
}
