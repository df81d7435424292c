import Foundation

/// An action that moves a dossier through the process. Each is one transition with its own rule.
public enum DossierAction: Sendable, Hashable {
    /// Receive an online submission (reception officer).
    case receive
    /// Refuse to receive, with a reason (Form 03).
    case refuseReceipt(reason: String)
    /// Hand the dossier to a specialist of the handling agency.
    case assign(specialist: OfficialReference)
    /// Record the specialist's appraisal and pass the dossier to a leader.
    case appraise(opinion: String)
    /// Ask the applicant for a supplement (Form 02); the clock pauses.
    case requestSupplement(reason: String)
    /// The applicant supplied what was asked; the clock resumes.
    case supplement(note: String?)
    /// The leader approves the appraisal. Refused while a required component is not provided or obtained
    /// from a national database, or a blocking flag stands, unless `overrideReason` says why the leader
    /// approves anyway (recorded in the history).
    case approve(note: String?, overrideReason: String? = nil)
    /// The leader refuses the request, with a reason; the refusal becomes the result.
    case refuse(reason: String)
    /// The leader signs off the result, under the same guard as `approve`. Cryptographic signing is not part
    /// of this step yet.
    case approveForSignature(note: String?, overrideReason: String? = nil)
    /// The result clerk hands the result back.
    case returnResult(note: String?)
    /// The applicant withdraws the dossier.
    case withdraw(reason: String)
    /// The leader stops processing, with a reason.
    case stop(reason: String)
    /// Apologise and set a new return date (Form 04).
    case extend(reason: String, newDueAt: Date)

    /// The action's API and history name.
    public var name: String {
        switch self {
        case .receive: "receive"
        case .refuseReceipt: "refuse_receipt"
        case .assign: "assign"
        case .appraise: "appraise"
        case .requestSupplement: "request_supplement"
        case .supplement: "supplement"
        case .approve: "approve"
        case .refuse: "refuse"
        case .approveForSignature: "approve_for_signature"
        case .returnResult: "return_result"
        case .withdraw: "withdraw"
        case .stop: "stop"
        case .extend: "extend"
        }
    }
}

/// Another official, as the workflow needs to know them (for assignment).
public struct OfficialReference: Sendable, Hashable {
    public let id: String
    public let role: Role
    public let agencyID: String

    public init(id: String, role: Role, agencyID: String) {
        self.id = id
        self.role = role
        self.agencyID = agencyID
    }
}
