import Foundation

/// A complaint or petition (PAKN) a citizen filed with an agency, with its deadlines and what was done.
public struct Petition: Sendable, Hashable {
    public let id: String
    public let agencyID: String
    public let category: PetitionCategory
    /// The dossier of the citizen's it is about, if any.
    public let dossierCode: String?
    /// The filer; never published.
    public let citizenID: String
    /// The citizen's own words; never published (the officer's redacted summary is).
    public let content: String
    public var status: PetitionStatus
    public var version: Int
    public let receivedAt: Date
    /// Due dates: the answer (moved when the citizen supplements), a refusal, a supplement request.
    public var handlingDueAt: Date
    public let refusalDueAt: Date
    public let supplementDueAt: Date
    public var supplementRequestedAt: Date?
    public var supplementRequest: String?
    public var supplementedAt: Date?
    public var supplement: String?
    public var answeredAt: Date?
    public var answer: String?
    /// Due date of publication, set by the answer.
    public var publishDueAt: Date?
    public var publishedAt: Date?
    /// The officer's summary of the question without personal data: what the public page shows.
    public var summary: String?
    public var refusedAt: Date?
    public var refusalReason: String?
    /// The filer's verdict on the answer (5.3): true satisfied, false dissatisfied, nil not given.
    public var satisfied: Bool?

    public init(
        id: String, agencyID: String, category: PetitionCategory, dossierCode: String?, citizenID: String, content: String,
        receivedAt: Date, limits: SatisfactionRules.TimeLimits, calendar: WorkingCalendar
    ) {
        self.init(
            id: id, agencyID: agencyID, category: category, dossierCode: dossierCode, citizenID: citizenID, content: content, status: .submitted,
            version: 1, receivedAt: receivedAt, handlingDueAt: calendar.endOfWorkingDay(limits.handlingWorkingDays, after: receivedAt),
            refusalDueAt: calendar.endOfWorkingDay(limits.refusalWorkingDays, after: receivedAt),
            supplementDueAt: calendar.endOfWorkingDay(limits.supplementRequestWorkingDays, after: receivedAt), supplementRequestedAt: nil,
            supplementRequest: nil, supplementedAt: nil, supplement: nil, answeredAt: nil, answer: nil, publishDueAt: nil, publishedAt: nil,
            summary: nil, refusedAt: nil, refusalReason: nil, satisfied: nil)
    }

    /// Every field as stored (for the repository).
    public init(
        id: String, agencyID: String, category: PetitionCategory, dossierCode: String?, citizenID: String, content: String,
        status: PetitionStatus, version: Int, receivedAt: Date, handlingDueAt: Date, refusalDueAt: Date, supplementDueAt: Date,
        supplementRequestedAt: Date?, supplementRequest: String?, supplementedAt: Date?, supplement: String?, answeredAt: Date?,
        answer: String?, publishDueAt: Date?, publishedAt: Date?, summary: String?, refusedAt: Date?, refusalReason: String?,
        satisfied: Bool?
    ) {
        self.id = id
        self.agencyID = agencyID
        self.category = category
        self.dossierCode = dossierCode
        self.citizenID = citizenID
        self.content = content
        self.status = status
        self.version = version
        self.receivedAt = receivedAt
        self.handlingDueAt = handlingDueAt
        self.refusalDueAt = refusalDueAt
        self.supplementDueAt = supplementDueAt
        self.supplementRequestedAt = supplementRequestedAt
        self.supplementRequest = supplementRequest
        self.supplementedAt = supplementedAt
        self.supplement = supplement
        self.answeredAt = answeredAt
        self.answer = answer
        self.publishDueAt = publishDueAt
        self.publishedAt = publishedAt
        self.summary = summary
        self.refusedAt = refusedAt
        self.refusalReason = refusalReason
        self.satisfied = satisfied
    }

    /// The next deadline the handling agency must meet, nil once nothing is due from it (refused, published) or
    /// while the citizen owes a supplement.
    public var nextDueAt: Date? {
        switch status {
        case .submitted: handlingDueAt
        case .answered: publishDueAt
        case .supplementRequested, .refused, .published: nil
        }
    }

    /// Handled on time so far (indicator 5.2): a supplement request no later than its limit; a refusal within its
    /// limit; an answer within the handling limit and its publication within the publication limit; a petition
    /// still open not yet past its due date. While the citizen owes a supplement the agency's clock does not run.
    public func isOnTime(at now: Date) -> Bool {
        if let requested = supplementRequestedAt, requested > supplementDueAt { return false }
        switch status {
        case .submitted: return now <= handlingDueAt
        case .supplementRequested: return true
        case .refused: return (refusedAt ?? now) <= refusalDueAt
        case .answered: return (answeredAt ?? now) <= handlingDueAt && now <= (publishDueAt ?? now)
        case .published: return (answeredAt ?? now) <= handlingDueAt && (publishedAt ?? now) <= (publishDueAt ?? now)
        }
    }
}

extension WorkingCalendar {
    /// The end of office hours on the `n`th working day after the day of `instant` (Vietnam time).
    public func endOfWorkingDay(_ n: Int, after instant: Date) -> Date {
        endOfOfficeHours(on: addingWorkingDays(n, to: localDate(of: instant)))
    }
}
