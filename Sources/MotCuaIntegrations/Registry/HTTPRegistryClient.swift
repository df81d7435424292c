import AsyncHTTPClient
import Foundation
import MotCuaDomain

/// The national databases over HTTP/JSON with X-Road-style metadata (anchors.md §3.1): the production
/// connector, and the embedded default against the bundled sandbox on loopback.
///
/// Every request carries `X-Road-Client`, `X-Road-UserId`, `X-Road-Issue` and `X-Road-Id` from the
/// ``RegistryCallContext``. Look-ups are retried (``RegistryClientConfiguration/maxReadAttempts``) on
/// connection errors, timeouts, 5xx and 429, never on other 4xx; 404 is "not in the database" (`nil`/`[]`).
/// Answers are checked to be about the person asked for. Each registry has its own ``CircuitBreaker``, so
/// a land-database outage does not stop population look-ups. Updates are sent once.
///
/// The client does not own the `HTTPClient`: create one per process (or use `HTTPClient.shared`), pass it
/// to every client, and shut it down after them (e.g. in the service group's shutdown). The client itself
/// holds only immutable configuration, the breakers and a decoder, so one instance serves all requests.
public struct HTTPRegistryClient: NationalRegistryClient {
    let httpClient: HTTPClient
    public let configuration: RegistryClientConfiguration
    let breakers: [RegistrySource: CircuitBreaker<ContinuousClock>]
    let decoder = JSONDecoder()
    let encoder = JSONEncoder()

    /// - Parameters:
    ///   - httpClient: Shared and not owned; the caller shuts it down after the last call.
    ///   - configuration: Base URL, timeouts, retries and breaker settings.
    public init(httpClient: HTTPClient, configuration: RegistryClientConfiguration) {
        self.httpClient = httpClient
        self.configuration = configuration
        self.breakers = Dictionary(
            uniqueKeysWithValues: RegistrySource.allCases.map {
                ($0, CircuitBreaker(threshold: configuration.breakerThreshold, coolDown: configuration.breakerCoolDown, clock: ContinuousClock()))
            })
    }

    /// The breaker guarding one registry, e.g. for a health page.
    public func breaker(for registry: RegistrySource) -> CircuitBreaker<ContinuousClock> { breakers[registry]! }

    public func person(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> PopulationRecord? {
        let record = try await read(PopulationRecord.self, from: .population, path: "/v1/population/" + id.value, context: context)
        if let record, record.citizenID != id { throw .invalidResponse(.population, reason: "the record is about another person") }
        return record
    }

    public func person(legacyID: LegacyID, context: RegistryCallContext) async throws(RegistryClientError) -> PopulationRecord? {
        let record = try await read(
            PopulationRecord.self, from: .population, path: "/v1/population/legacy/" + legacyID.value, context: context)
        if let record, record.legacyID != legacyID { throw .invalidResponse(.population, reason: "the record is about another person") }
        return record
    }

    public func civilStatus(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [CivilStatusRegistration] {
        let list = try await read([CivilStatusRegistration].self, from: .civilStatus, path: "/v1/civil-status/" + id.value, context: context) ?? []
        guard list.allSatisfy({ $0.parties.contains { $0.citizenID == id } }) else {
            throw .invalidResponse(.civilStatus, reason: "a registration does not name the person")
        }
        return list
    }

    public func insurance(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> InsuranceRecord? {
        let record = try await read(InsuranceRecord.self, from: .socialInsurance, path: "/v1/social-insurance/" + id.value, context: context)
        // A record still keyed by the old ID has no citizen ID to compare; the registry matched it for us.
        if let record, record.holderID.map({ $0 != id }) ?? (record.holderLegacyID == nil) {
            throw .invalidResponse(.socialInsurance, reason: "the record is about another person")
        }
        return record
    }

    public func landParcels(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [LandParcel] {
        let list = try await read([LandParcel].self, from: .land, path: "/v1/land/" + id.value, context: context) ?? []
        let namesPerson = list.allSatisfy { parcel in
            parcel.owners.contains { owner in
                switch owner {
                case .citizenID(let owner): owner == id
                case .legacyID: true  // unconverted entries name the old ID, which only the registry can match
                }
            }
        }
        guard namesPerson else { throw .invalidResponse(.land, reason: "a parcel does not name the person") }
        return list
    }

    public func tax(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> TaxRecord? {
        let record = try await read(TaxRecord.self, from: .tax, path: "/v1/tax/" + id.value, context: context)
        if let record, record.citizenID != id { throw .invalidResponse(.tax, reason: "the record is about another person") }
        return record
    }

    public func businesses(_ id: CitizenID, context: RegistryCallContext) async throws(RegistryClientError) -> [HouseholdBusiness] {
        let list = try await read([HouseholdBusiness].self, from: .business, path: "/v1/business/" + id.value, context: context) ?? []
        guard list.allSatisfy({ $0.ownerID == id }) else { throw .invalidResponse(.business, reason: "a business has another owner") }
        return list
    }

    public func submit(_ update: RegistryUpdate, context: RegistryCallContext) async throws(RegistryClientError) -> RegistryUpdateReceipt {
        let registry = update.registry
        let body: Data
        do { body = try encoder.encode(update) } catch {
            throw .invalidResponse(registry, reason: "the update could not be encoded")
        }
        return try await send(RegistryUpdateReceipt.self, to: registry, path: "/v1/updates", body: body, context: context)
    }
}
