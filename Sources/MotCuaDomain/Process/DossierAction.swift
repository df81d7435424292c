import Foundation

/// An action that moves a dossier through the process. Each is one transition with its own rule.
///
/// Form numbers are those of Circular 03/2025/TT-VPCP (15/9/2025, implementing Decree 118/2025/NĐ-CP, in
/// force since 1 Jul 2025, which replaced Decree 61/2018 and Circular 01/2018; source: thuviennhadat.vn on
/// the circular's Annex I): 01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology and
/// extension request, 05 notice of stopped processing, 06 control sheet, 07 register.
public enum DossierAction: Sendable, Hashable {
    /// Receive an online submission (reception officer).
    case receive
    /// Refuse to receive, with a reason (Form 03).
    case refuseReceipt(reason: String)
    /// Hand the dossier to a specialist of the handling agency.
    case assign(specialist: OfficialReference)
    /// Record the specialist's appraisal and pass the dossier to a leader.
    case appraise(opinion: String)
    /// Ask the applicant for a supplement (Form 02); the clock pauses. Whether Decree 118/2025 pauses or
    /// restarts the clock was not found in any source we could read, so the pause of the previous rules is kept [U].
    case requestSupplement(reason: String)
    /// The applicant supplied what was asked; the clock resumes.
    case supplement(note: String?)
    /// The leader approves the appraisal. Refused while a required component is not provided or obtained
    /// from a national database, or a blocking flag stands, unless `overrideReason` says why the leader
    /// approves anyway (recorded in the history).
    case approve(note: String?, overrideReason: String? = nil)
    /// The leader refuses the request, with a reason; the refusal becomes the result.
    case refuse(reason: String)
    /// The leader signs the result, under the same guard as `approve`. For a procedure that ends in an
    /// electronic result, `resultID` names the result signed in the same transaction (the results service
    /// performs this action, never the plain transition); otherwise the step records the leader's sign-off.
    case approveForSignature(note: String?, overrideReason: String? = nil, resultID: String? = nil)
    /// The result clerk hands the result back: the signed electronic result is delivered, and `paperCopy`
    /// records that the applicant also asked for it on paper.
    case returnResult(note: String?, paperCopy: Bool = false)
    /// The handling specialist prepares (or re-prepares) the result draft at the appraisal step.
    case prepareResult(resultID: String)
    /// A leader of the handling agency revokes a signed result, with a reason; allowed after the dossier closed.
    case revokeResult(resultID: String, reason: String)
    /// A leader of the handling agency issues a corrected version that supersedes a signed one; allowed after
    /// the dossier closed.
    case correctResult(resultID: String, correctedBy: String, reason: String)
    /// The applicant withdraws the dossier.
    case withdraw(reason: String)
    /// The leader stops processing, with a reason (Form 05, notice of stopped processing).
    case stop(reason: String)
    /// Apologise and set a new return date (Form 04, apology and extension request).
    case extend(reason: String, newDueAt: Date)
    /// Ask the applicant to pay fees or other financial obligations (status 6); the clock pauses.
    case requestPayment(reason: String, amountVND: Int?)
    /// Record that the financial obligation was paid; the dossier returns to processing and the clock resumes.
    case recordPayment(note: String?)

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
        case .requestPayment: "request_payment"
        case .recordPayment: "record_payment"
        case .prepareResult: "prepare_result"
        case .revokeResult: "revoke_result"
        case .correctResult: "correct_result"
        }
    }

    /// Whether the action records a change to a signed result, which stays possible after the dossier closed.
    public var changesSignedResult: Bool {
        switch self {
        case .revokeResult, .correctResult: true
        default: false
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
