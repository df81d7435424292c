
/// A change one national database shares with the others (two-way sharing, liên thông).
public enum RegistryUpdate: Sendable, Hashable {
    /// Registers a marriage in the civil-status database and carries it into both population profiles.
    case registerMarriage(husband: CitizenID, wife: CitizenID, date: LocalDate, communeCode: String)
    /// Carries an existing marriage registration into profiles that lag behind it.
    case applyMarriageRegistration(registrationNumber: String)
    /// Registers a death; the person is marked deceased and a surviving spouse becomes widowed.
    case registerDeath(CitizenID, date: LocalDate, communeCode: String)
    /// Records a divorce decided by a court (in Vietnam or abroad) in the civil-status database; both people
    /// become divorced and neither names the other as spouse. `decision` is the court's or foreign authority's
    /// reference (number and date of the judgment or decision); `date` is the day it took legal effect.
    case registerDivorce(husband: CitizenID, wife: CitizenID, date: LocalDate, decision: String, communeCode: String)
    /// Records a land procedure's signed result in the land database: the parcel's holder by citizen ID, and its
    /// area (m², to 0.1) and use when the result states them.
    case updateLandParcel(parcelID: String, holder: CitizenID, areaSquareMetres: Double?, use: LandParcel.Use?)
    /// Replaces a land owner recorded by old ID with the same person's citizen ID.
    case convertLandOwner(parcelID: String, legacyID: LegacyID)
    /// Re-keys an insurance record held under the holder's old ID to the citizen ID.
    case convertInsuranceHolder(CitizenID)
}
