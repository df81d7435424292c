
/// A personal tax registration.
///
/// [U] From 1 Jul 2025 the personal identification number is reported to serve as the personal tax code
/// (Circular 86/2024/TT-BTC); the primary text was not read. The sandbox therefore uses the citizen ID as the
/// tax code and keeps the earlier 10-digit code, where one was issued, beside it.
public struct TaxRecord: Sendable, Hashable, Codable {
    /// Status in the tax register.
    public enum Status: String, Sendable, Hashable, Codable {
        case active
        case suspended
    }

    /// The tax code now used: the 12-digit citizen ID.
    public var taxCode: String
    public var citizenID: CitizenID
    /// The 10-digit personal tax code (mã số thuế) issued before 2025, if any.
    public var legacyTaxCode: String?
    /// The commune of the tax-managing office's area.
    public var communeCode: String
    public var registeredOn: LocalDate
    public var status: Status

    public init(
        taxCode: String, citizenID: CitizenID, legacyTaxCode: String?, communeCode: String, registeredOn: LocalDate,
        status: Status
    ) {
        self.taxCode = taxCode
        self.citizenID = citizenID
        self.legacyTaxCode = legacyTaxCode
        self.communeCode = communeCode
        self.registeredOn = registeredOn
        self.status = status
    }
}
