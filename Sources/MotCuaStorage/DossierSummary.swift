import Foundation
import MotCuaDomain

/// A dossier as a workqueue lists it: everything but the form data and the components, which are read
/// only when one dossier is opened. Listing reads no JSON, so a page of 50 costs little.
public struct DossierSummary: Sendable, Hashable {
    public let id: UUID
    public let code: String
    public let procedureCode: String
    public let agencyID: String
    public let receivingAgencyID: String
    public let applicantID: CitizenID
    public let applicantName: String
    public let channel: Channel
    public let status: DossierStatus
    public let step: ProcessStep
    public let outcome: DossierOutcome?
    public let handlerID: String?
    public let submittedAt: Date
    public let receivedAt: Date?
    public let dueAt: Date?
    public let countsAsLate: Bool
    public let version: Int

    /// Whether the promised date has passed while the dossier is still with the administration.
    public func isOverdue(at now: Date) -> Bool {
        guard let dueAt, status.isWithAdministration else { return false }
        return now > dueAt
    }
}
