import MotCuaDomain

/// A citizen signed in through the national e-ID.
public struct CitizenPrincipal: Sendable, Hashable {
    public let citizenID: CitizenID
    /// The name the e-ID provider asserted, NFC.
    public let fullName: String
    /// Identity assurance level of the e-ID account: 1 (self-registered) or 2 (verified in person,
    /// needed to submit dossiers online).
    public let assuranceLevel: Int

    public init(citizenID: CitizenID, fullName: String, assuranceLevel: Int) {
        self.citizenID = citizenID
        self.fullName = fullName
        self.assuranceLevel = assuranceLevel
    }

    /// The workflow's view of the caller.
    public var actor: Actor { .citizen(citizenID) }
}
