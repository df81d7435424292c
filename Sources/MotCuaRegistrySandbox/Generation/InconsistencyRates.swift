/// How often the generator plants the inconsistencies that real registers have between them, so that
/// reconciliation and two-way sharing can be exercised.
public struct InconsistencyRates: Sendable, Hashable {
    /// Share of living, undivorced couples whose marriage is registered in the civil-status database but not
    /// (or only half) carried into their population profiles: still "single", or married without the spouse.
    public var marriageNotPropagated: Double
    /// Share of land-owner entries, among owners who have an old ID, that name the owner by the old ID only.
    public var landOwnerByLegacyID: Double
    /// Share of insurance records, among holders who have an old ID, keyed by the old ID only.
    public var insuranceByLegacyID: Double

    public init(marriageNotPropagated: Double, landOwnerByLegacyID: Double, insuranceByLegacyID: Double) {
        self.marriageNotPropagated = marriageNotPropagated
        self.landOwnerByLegacyID = landOwnerByLegacyID
        self.insuranceByLegacyID = insuranceByLegacyID
    }

    /// Rates of the order seen in field reports: a few percent of marriages lag, many land records predate
    /// the citizen ID, insurance was mostly converted.
    public static let `default` = InconsistencyRates(
        marriageNotPropagated: 0.03, landOwnerByLegacyID: 0.25, insuranceByLegacyID: 0.02)

    /// No planted inconsistencies.
    public static let none = InconsistencyRates(marriageNotPropagated: 0, landOwnerByLegacyID: 0, insuranceByLegacyID: 0)
}
