import Foundation

/// A step on a petition, by the agency's officer or by the filer.
public enum PetitionAction: Sendable, Hashable {
    case requestSupplement(reason: String)
    case supplement(text: String)
    case answer(text: String)
    case refuse(reason: String)
    case publish(summary: String)
    case feedback(satisfied: Bool)

    /// Stable name, as in the history and the API.
    public var name: String {
        switch self {
        case .requestSupplement: "request_supplement"
        case .supplement: "supplement"
        case .answer: "answer"
        case .refuse: "refuse"
        case .publish: "publish"
        case .feedback: "feedback"
        }
    }

    /// Whether the filer (rather than an officer) takes this step.
    public var byCitizen: Bool {
        switch self {
        case .supplement, .feedback: true
        default: false
        }
    }

    /// The note kept in the history (officers' texts; the citizen's supplement is kept on the petition only).
    public var note: String? {
        switch self {
        case .requestSupplement(let text), .answer(let text), .refuse(let text), .publish(let text): text
        case .feedback(let satisfied): satisfied ? "satisfied" : "dissatisfied"
        case .supplement: nil
        }
    }
}

/// Which step is allowed from which status, and what it changes: pure, no I/O.
public enum PetitionWorkflow {
    public static func apply(
        _ action: PetitionAction, to petition: Petition, at now: Date, limits: SatisfactionRules.TimeLimits, calendar: WorkingCalendar
    ) throws -> Petition {
        var next = petition
        switch (action, petition.status) {
        case (.requestSupplement(let reason), .submitted):
            // One request only: a second would let the clock restart indefinitely.
            guard petition.supplementRequestedAt == nil else { throw SatisfactionError.wrongStatus(action: action.name, status: petition.status) }
            next.status = .supplementRequested
            next.supplementRequestedAt = now
            next.supplementRequest = reason
        case (.supplement(let text), .supplementRequested):
            next.status = .submitted
            next.supplementedAt = now
            next.supplement = text
            // The petition is complete from now on: the handling limit runs again from the supplement [U].
            next.handlingDueAt = calendar.endOfWorkingDay(limits.handlingWorkingDays, after: now)
        case (.answer(let text), .submitted):
            next.status = .answered
            next.answeredAt = now
            next.answer = text
            next.publishDueAt = calendar.endOfWorkingDay(limits.publicationWorkingDays, after: now)
        case (.refuse(let reason), .submitted), (.refuse(let reason), .supplementRequested):
            next.status = .refused
            next.refusedAt = now
            next.refusalReason = reason
        case (.publish(let summary), .answered):
            next.status = .published
            next.publishedAt = now
            next.summary = summary
        case (.feedback(let satisfied), .answered), (.feedback(let satisfied), .published):
            guard petition.satisfied == nil else { throw SatisfactionError.wrongStatus(action: action.name, status: petition.status) }
            next.satisfied = satisfied
        default:
            throw SatisfactionError.wrongStatus(action: action.name, status: petition.status)
        }
        next.version += 1
        return next
    }
}
