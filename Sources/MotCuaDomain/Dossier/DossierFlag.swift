/// Something the national databases revealed that a specialist must look at: they disagree with each other
/// or with the dossier. A flag never blocks receipt; it is shown with the dossier.
public struct DossierFlag: Sendable, Hashable, Codable {
    /// What kind of disagreement.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The population register does not know the person.
        case notInPopulationRegister = "not_in_population_register"
        /// The population register records the person as deceased.
        case personDeceased = "person_deceased"
        /// The name on the dossier differs from the population register beyond diacritics and case.
        case nameMismatch = "name_mismatch"
        /// A marriage is registered in the civil-status database but the population profile says otherwise.
        case marriageMissingFromProfile = "marriage_missing_from_profile"
        /// The profile says married but names no spouse.
        case spouseMissing = "spouse_missing"
        /// The profile names a spouse other than the one in the marriage registration.
        case spouseMismatch = "spouse_mismatch"
        /// The profile says married but the civil-status database has no marriage registration.
        case marriageNotRegistered = "marriage_not_registered"
        /// A record in another database is still keyed by the old 9-digit ID.
        case recordUnderOldID = "record_under_old_id"
    }

    public let kind: Kind
    /// The database whose answer raised it.
    public let registry: RegistrySource
    /// Masked citizen ID of the person concerned (the applicant or another party).
    public let subject: String
    public let messageVi: String
    public let messageEn: String

    public init(kind: Kind, registry: RegistrySource, subject: String, messageVi: String, messageEn: String) {
        self.kind = kind
        self.registry = registry
        self.subject = subject
        self.messageVi = messageVi
        self.messageEn = messageEn
    }
}

extension DossierFlag.Kind {
    /// Flags that stop approval unless a leader overrides with a reason: the person the dossier is about
    /// is recorded as deceased, or unknown to the population register. The other flags are discrepancies a
    /// specialist weighs in the appraisal.
    public var blocksApproval: Bool {
        switch self {
        case .personDeceased, .notInPopulationRegister: true
        case .nameMismatch, .marriageMissingFromProfile, .spouseMissing, .spouseMismatch, .marriageNotRegistered, .recordUnderOldID: false
        }
    }
}
