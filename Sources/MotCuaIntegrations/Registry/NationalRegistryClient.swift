import MotCuaDomain

/// The national databases as the platform sees them. Production talks to them over HTTP
/// (``HTTPRegistryClient``); so does the embedded default, against the bundled sandbox on loopback.
///
/// Look-ups answer `nil` or an empty list when the person is not in that database: that is an answer, not
/// an error. Errors (``RegistryClientError``) mean the database could not answer.
public protocol NationalRegistryClient: Sendable {
    func person(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> PopulationRecord?
    func person(legacyID: LegacyID, context: RegistryCallContext) async throws(RegistryClientError) -> PopulationRecord?
    func civilStatus(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [CivilStatusRegistration]
    func insurance(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> InsuranceRecord?
    func landParcels(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [LandParcel]
    func tax(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> TaxRecord?
    func businesses(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [HouseholdBusiness]
    /// Sends a change to the national databases (two-way sharing). Not retried: the caller decides.
    func submit(_ update: RegistryUpdate, context: RegistryCallContext) async throws(RegistryClientError) -> RegistryUpdateReceipt
}

/// The registry's acknowledgement of an accepted update.
public struct RegistryUpdateReceipt: Sendable, Hashable, Codable {
    /// The registry's reference for the change, e.g. a new registration number.
    public var reference: String?
    public var message: String

    public init(reference: String?, message: String) {
        self.reference = reference
        self.message = message
    }
}
