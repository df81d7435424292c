/// Where a satisfied component came from: fetched by the State (a national database, or the applicant's
/// archive) or supplied by the applicant (the portal's e-form, an uploaded or counter-made scan, paper).
/// Derived from the component's state and reference, so dossiers stored before it existed have one too.
public enum ComponentProvenance: String, Sendable, Hashable, CaseIterable {
    /// Fetched from a national database.
    case registry
    /// A valid signed result of the applicant's own archive (once-only reuse).
    case archive
    /// The application form filled in on the portal.
    case eform
    /// A scan filed through the platform (uploaded online, or digitised at the counter).
    case scan
    /// Handed in on paper and not digitised.
    case paper

    /// What a component's reference to the portal's e-form reads.
    public static let eformReference = "eform"

    /// Fetched by the State rather than asked of the applicant.
    public var fetchedByState: Bool { self == .registry || self == .archive }

    /// Held as data or a digital copy (everything but paper).
    public var digitised: Bool { self != .paper }
}

extension DossierComponent {
    /// Where the component came from; nil while it is pending, missing or not applicable.
    public var provenance: ComponentProvenance? {
        switch state {
        case .fromRegistry: .registry
        case .reused: .archive
        case .provided:
            if reference?.hasPrefix("document:") == true {
                .scan
            } else if reference == ComponentProvenance.eformReference {
                .eform
            } else {
                .paper
            }
        case .pendingVerification, .missing, .notApplicable: nil
        }
    }
}
