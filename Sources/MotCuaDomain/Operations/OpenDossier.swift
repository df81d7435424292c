import Foundation

/// A dossier still at the agency (received, in process, or paused for a supplement or a payment), with what
/// the operations centre shows of it: codes, dates, the step and the official handling it; no applicant.
public struct OpenDossier: Sendable, Hashable {
    public let code: String
    public let agencyID: String
    public let procedureCode: String
    public let status: DossierStatus
    public let step: ProcessStep
    public let handlerName: String?
    public let receivedAt: Date?
    public let dueAt: Date?
    public let pausedAt: Date?
    /// The last event of its history (the moment the forecast measures from).
    public let lastEventAt: Date

    public init(
        code: String, agencyID: String, procedureCode: String, status: DossierStatus, step: ProcessStep, handlerName: String?,
        receivedAt: Date?, dueAt: Date?, pausedAt: Date?, lastEventAt: Date
    ) {
        self.code = code
        self.agencyID = agencyID
        self.procedureCode = procedureCode
        self.status = status
        self.step = step
        self.handlerName = handlerName
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.pausedAt = pausedAt
        self.lastEventAt = lastEventAt
    }

    /// Paused for a supplement or a payment: the clock is stopped.
    public var isPaused: Bool { [.supplementRequested, .paymentRequested].contains(status) }

    /// Its promised date has passed by `now` (for a paused dossier: had passed when it was paused).
    public func isOverdue(at now: Date) -> Bool {
        guard let dueAt else { return false }
        return (pausedAt ?? now) > dueAt
    }
}
