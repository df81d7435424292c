
/// A social- and health-insurance record (BHXH/BHYT, domain.md §8).
///
/// The social-insurance number is the 10-digit card number since 1 Apr 2021. Most records are keyed by the
/// citizen ID; a share still carries only the holder's old 9-digit ID, as in not yet converted real data.
public struct InsuranceRecord: Sendable, Hashable, Codable {
    /// 10 digits, unique per person for life (mã số BHXH).
    public var socialInsuranceNumber: String
    /// The holder's citizen ID, `nil` when the record is still keyed by the old ID only.
    public var holderID: CitizenID?
    /// The holder's old ID, set only when the record is keyed by it.
    public var holderLegacyID: LegacyID?
    public var validFrom: LocalDate
    public var validUntil: LocalDate
    /// Registered primary-care facility (nơi đăng ký khám chữa bệnh ban đầu).
    public var clinicName: String
    /// Facility code: 2-digit province + 3 digits [U: the format follows the codes printed on cards; not checked
    /// against the Ministry of Health list].
    public var clinicCode: String
    /// Benefit level 1–5 (mức hưởng), printed on the card. [U] The mapping from beneficiary group to level is
    /// simplified here.
    public var benefitLevel: Int

    public init(
        socialInsuranceNumber: String, holderID: CitizenID?, holderLegacyID: LegacyID?, validFrom: LocalDate,
        validUntil: LocalDate, clinicName: String, clinicCode: String, benefitLevel: Int
    ) {
        self.socialInsuranceNumber = socialInsuranceNumber
        self.holderID = holderID
        self.holderLegacyID = holderLegacyID
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.clinicName = clinicName
        self.clinicCode = clinicCode
        self.benefitLevel = benefitLevel
    }

    /// Whether the card is valid on a day.
    public func isValid(on date: LocalDate) -> Bool { validFrom <= date && date <= validUntil }

    enum CodingKeys: String, CodingKey {
        case socialInsuranceNumber, holderID, holderLegacyID, validFrom, validUntil, clinicName, clinicCode, benefitLevel
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        socialInsuranceNumber = try container.decode(String.self, forKey: .socialInsuranceNumber)
        holderID = try container.decodeIfPresent(CitizenID.self, forKey: .holderID)
        holderLegacyID = try container.decodeLegacyID(forKey: .holderLegacyID)
        validFrom = try container.decode(LocalDate.self, forKey: .validFrom)
        validUntil = try container.decode(LocalDate.self, forKey: .validUntil)
        clinicName = try container.decode(String.self, forKey: .clinicName)
        clinicCode = try container.decode(String.self, forKey: .clinicCode)
        benefitLevel = try container.decode(Int.self, forKey: .benefitLevel)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(socialInsuranceNumber, forKey: .socialInsuranceNumber)
        try container.encodeIfPresent(holderID, forKey: .holderID)
        try container.encodeLegacyID(holderLegacyID, forKey: .holderLegacyID)
        try container.encode(validFrom, forKey: .validFrom)
        try container.encode(validUntil, forKey: .validUntil)
        try container.encode(clinicName, forKey: .clinicName)
        try container.encode(clinicCode, forKey: .clinicCode)
        try container.encode(benefitLevel, forKey: .benefitLevel)
    }
}
