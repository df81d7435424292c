/// Why an official looks up a person's national data. A look-up is either tied to a dossier the official
/// may handle (and then only to the people that dossier names), or states one of a fixed list of counter
/// purposes; free text alone is no purpose, because it binds the look-up to nothing an auditor can check.
public enum LookUpPurpose: String, CaseIterable, Sendable, Hashable {
    /// Identifying the person at the one-stop counter before a dossier is received.
    case counterBeforeReceipt = "counter_before_receipt"
    /// Checking a health-insurance card at the counter.
    case insuranceCheck = "insurance_check"
    /// Handling a dossier: the request names its code, and the person must be one the dossier names.
    case dossier

    /// Roles that may state this purpose. Counter purposes are the reception officers'; specialists look
    /// people up only for the dossiers they handle.
    public var roles: Set<Role> {
        switch self {
        case .counterBeforeReceipt, .insuranceCheck: [.receptionOfficer]
        case .dossier: [.receptionOfficer, .specialist]
        }
    }

    /// Whether a dossier-bound look-up of `subject` fits the dossier: the dossier is still open and names the
    /// person (as applicant or in a party field of its form).
    public static func fits(_ dossier: Dossier, subject: CitizenID) -> Bool {
        !dossier.status.isTerminal && RegistryVerification.subjects(of: dossier).contains(subject)
    }
}
