import Foundation

/// One document component of a dossier and how it was satisfied.
public struct DossierComponent: Sendable, Hashable, Codable {
    /// How the component is (or is not yet) satisfied.
    public enum State: String, Sendable, Hashable, Codable {
        /// The applicant supplied it (uploaded or presented at the counter and digitised).
        case provided
        /// Required and not supplied yet.
        case missing
        /// The State can obtain it from a national database; the look-up has not completed.
        case pendingVerification = "pending_verification"
        /// Obtained from a national database.
        case fromRegistry = "from_registry"
        /// Optional and not supplied.
        case notApplicable = "not_applicable"
        /// Satisfied by a valid signed result in the applicant's personal archive (`reference` is `result:<id>`).
        case reused
    }

    public let code: String
    public let nameVi: String
    public let nameEn: String
    public let required: Bool
    public let registrySource: RegistrySource?
    public var state: State
    /// Reference of the supplied file or registry record, if any.
    public var reference: String?
    /// When a national database last settled this component (fetched it, or found it does not hold it).
    public var verifiedAt: Date?
    /// The archived result that satisfies a `reused` component (absent in rows written before it was kept).
    public var reusedItem: ArchivedResult?

    public init(
        code: String, nameVi: String, nameEn: String, required: Bool, registrySource: RegistrySource?, state: State,
        reference: String? = nil, verifiedAt: Date? = nil, reusedItem: ArchivedResult? = nil
    ) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.required = required
        self.registrySource = registrySource
        self.state = state
        self.reference = reference
        self.verifiedAt = verifiedAt
        self.reusedItem = reusedItem
    }
}
