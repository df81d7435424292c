import Foundation

/// An application for an administrative procedure, from receipt to result delivery.
public struct Dossier: Sendable, Hashable, Codable, Identifiable {
    public let id: UUID
    /// Art. 19 dossier number; assigned at receipt.
    public let code: String
    public let procedureCode: String
    /// Agency that handles the procedure (a commune or a department).
    public let agencyID: String
    /// Agency whose one-stop desk received the dossier (the commune itself, or the service centre).
    public let receivingAgencyID: String
    public let applicantID: CitizenID
    public let applicantName: String
    public let channel: Channel
    /// The procedure's e-form fields as entered.
    public var formData: [String: String]
    public var components: [DossierComponent]
    /// Discrepancies the national databases revealed, for the specialist.
    public var flags: [DossierFlag]
    public var status: DossierStatus
    public var step: ProcessStep
    public var outcome: DossierOutcome?
    /// Official currently responsible, if assigned.
    public var handlerID: String?
    public let submittedAt: Date
    public var receivedAt: Date?
    /// Promised return date (ngày hẹn trả).
    public var dueAt: Date?
    /// True while the promised date depends on a year whose civil-service notice is not loaded, so it was
    /// computed from the statutory holidays only (shown as "tạm tính" on Form 01 and in the API).
    public var dueProvisional: Bool
    /// Deadline of each step of the five-step process, counted from receipt.
    public var stepDeadlines: [ProcessStep: Date]
    /// Office minutes left on the clock while it is paused for a supplement.
    public var pausedRemainingMinutes: Int?
    /// When the clock was paused for a supplement or a payment.
    public var pausedAt: Date?
    /// Office minutes the clock has stood still in total (finished pauses), so a recomputed date keeps them.
    public var pausedOfficeMinutes: Int
    public var supplementRequests: Int
    /// True when indicators must count the dossier as late whatever its dates (a second supplement request).
    public var countsAsLate: Bool
    public var extensions: Int
    public var finishedAt: Date?
    public var returnedAt: Date?
    /// Optimistic-concurrency version, incremented by every transition.
    public var version: Int
    /// Hash of the newest history entry.
    public var historyHead: String

    public init(
        id: UUID, code: String, procedureCode: String, agencyID: String, receivingAgencyID: String,
        applicantID: CitizenID, applicantName: String, channel: Channel, formData: [String: String],
        components: [DossierComponent], flags: [DossierFlag] = [], status: DossierStatus, step: ProcessStep, outcome: DossierOutcome? = nil,
        handlerID: String? = nil, submittedAt: Date, receivedAt: Date? = nil, dueAt: Date? = nil, dueProvisional: Bool = false,
        stepDeadlines: [ProcessStep: Date] = [:], pausedRemainingMinutes: Int? = nil, pausedAt: Date? = nil, pausedOfficeMinutes: Int = 0, supplementRequests: Int = 0,
        countsAsLate: Bool = false, extensions: Int = 0, finishedAt: Date? = nil, returnedAt: Date? = nil,
        version: Int = 1, historyHead: String = ""
    ) {
        self.id = id
        self.code = code
        self.procedureCode = procedureCode
        self.agencyID = agencyID
        self.receivingAgencyID = receivingAgencyID
        self.applicantID = applicantID
        self.applicantName = applicantName
        self.channel = channel
        self.formData = formData
        self.components = components
        self.flags = flags
        self.status = status
        self.step = step
        self.outcome = outcome
        self.handlerID = handlerID
        self.submittedAt = submittedAt
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.dueProvisional = dueProvisional
        self.stepDeadlines = stepDeadlines
        self.pausedRemainingMinutes = pausedRemainingMinutes
        self.pausedAt = pausedAt
        self.pausedOfficeMinutes = pausedOfficeMinutes
        self.supplementRequests = supplementRequests
        self.countsAsLate = countsAsLate
        self.extensions = extensions
        self.finishedAt = finishedAt
        self.returnedAt = returnedAt
        self.version = version
        self.historyHead = historyHead
    }

    /// Whether the promised date has passed while the dossier is still with the administration.
    public func isOverdue(at now: Date) -> Bool {
        guard let dueAt, status.isWithAdministration else { return false }
        return now > dueAt
    }
}
