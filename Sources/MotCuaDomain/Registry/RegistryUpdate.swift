
/// A change one national database shares with the others (two-way sharing, liên thông).
public enum RegistryUpdate: Sendable, Hashable {
    /// Registers a marriage in the civil-status database and carries it into both population profiles.
    case registerMarriage(husband: CitizenID, wife: CitizenID, date: LocalDate, communeCode: String)
    /// Carries an existing marriage registration into profiles that lag behind it.
    case applyMarriageRegistration(registrationNumber: String)
    /// Registers a death; the person is marked deceased and a surviving spouse becomes widowed.
    case registerDeath(CitizenID, date: LocalDate, communeCode: String)
    /// Replaces a land owner recorded by old ID with the same person's citizen ID.
    case convertLandOwner(parcelID: String, legacyID: LegacyID)
    /// Re-keys an insurance record held under the holder's old ID to the citizen ID.
    case convertInsuranceHolder(CitizenID)
}
