/// The decision on a dossier once processing is finished.
public enum DossierOutcome: String, Sendable, Hashable, Codable {
    /// The result was approved and signed off.
    case approved
    /// The request was refused with a reason; the refusal is the result handed back.
    case refused
}
