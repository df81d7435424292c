import Foundation

/// What the national databases answered about the people a dossier names.
///
/// A database in ``answered`` answered for every subject: a subject missing from its dictionary is "not in
/// that database". A database not in ``answered`` was not asked or could not answer, so nothing about it is
/// concluded and the components that need it stay pending.
public struct RegistryEvidence: Sendable, Hashable {
    public var answered: Set<RegistrySource> = []
    public var people: [CitizenID: PopulationRecord] = [:]
    public var civilStatus: [CitizenID: [CivilStatusRegistration]] = [:]
    public var insurance: [CitizenID: InsuranceRecord] = [:]
    public var landParcels: [CitizenID: [LandParcel]] = [:]
    public var tax: [CitizenID: TaxRecord] = [:]
    public var businesses: [CitizenID: [HouseholdBusiness]] = [:]
    /// When the answers were received.
    public var fetchedAt: Date

    public init(fetchedAt: Date) {
        self.fetchedAt = fetchedAt
    }
}
