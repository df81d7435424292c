import MotCuaDomain

/// A citizen as the national e-ID provider vouched for them in a verified ID token.
public struct EIDIdentity: Sendable, Hashable {
    public let citizenID: CitizenID
    /// NFC, from the population register.
    public let fullName: String
    public let assuranceLevel: EIDAssuranceLevel

    public init(citizenID: CitizenID, fullName: String, assuranceLevel: EIDAssuranceLevel) {
        self.citizenID = citizenID
        self.fullName = fullName
        self.assuranceLevel = assuranceLevel
    }
}
