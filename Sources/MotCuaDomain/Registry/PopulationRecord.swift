
/// A person in the synthetic national population database (CSDLQG về dân cư).
///
/// Values are composed on demand from the registry's compact storage; the JSON field names are stable.
public struct PopulationRecord: Sendable, Hashable, Codable {
    public var citizenID: CitizenID
    /// The old 9-digit ID (CMND), held by many people born before 2003.
    public var legacyID: LegacyID?
    /// NFC, as registered.
    public var fullName: String
    public var sex: Sex
    public var dateOfBirth: LocalDate
    /// Place of birth (nơi sinh): the old province where the birth happened.
    public var birthplace: String
    /// Place of origin (quê quán), inherited from the father's line.
    public var nativePlace: String
    public var permanentAddress: ResidenceAddress
    public var currentAddress: ResidenceAddress
    public var maritalStatus: MaritalStatus
    public var spouseID: CitizenID?
    public var fatherID: CitizenID?
    public var motherID: CitizenID?
    public var householdID: String
    public var householdHeadID: CitizenID
    /// The date of death, `nil` for the living.
    public var deceasedOn: LocalDate?

    public init(
        citizenID: CitizenID, legacyID: LegacyID?, fullName: String, sex: Sex, dateOfBirth: LocalDate, birthplace: String,
        nativePlace: String, permanentAddress: ResidenceAddress, currentAddress: ResidenceAddress,
        maritalStatus: MaritalStatus, spouseID: CitizenID?, fatherID: CitizenID?, motherID: CitizenID?,
        householdID: String, householdHeadID: CitizenID, deceasedOn: LocalDate?
    ) {
        self.citizenID = citizenID
        self.legacyID = legacyID
        self.fullName = fullName
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.birthplace = birthplace
        self.nativePlace = nativePlace
        self.permanentAddress = permanentAddress
        self.currentAddress = currentAddress
        self.maritalStatus = maritalStatus
        self.spouseID = spouseID
        self.fatherID = fatherID
        self.motherID = motherID
        self.householdID = householdID
        self.householdHeadID = householdHeadID
        self.deceasedOn = deceasedOn
    }

    enum CodingKeys: String, CodingKey {
        case citizenID, legacyID, fullName, sex, dateOfBirth, birthplace, nativePlace, permanentAddress, currentAddress
        case maritalStatus, spouseID, fatherID, motherID, householdID, householdHeadID, deceasedOn
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        citizenID = try container.decode(CitizenID.self, forKey: .citizenID)
        legacyID = try container.decodeLegacyID(forKey: .legacyID)
        fullName = try container.decode(String.self, forKey: .fullName)
        sex = try container.decode(Sex.self, forKey: .sex)
        dateOfBirth = try container.decode(LocalDate.self, forKey: .dateOfBirth)
        birthplace = try container.decode(String.self, forKey: .birthplace)
        nativePlace = try container.decode(String.self, forKey: .nativePlace)
        permanentAddress = try container.decode(ResidenceAddress.self, forKey: .permanentAddress)
        currentAddress = try container.decode(ResidenceAddress.self, forKey: .currentAddress)
        maritalStatus = try container.decode(MaritalStatus.self, forKey: .maritalStatus)
        spouseID = try container.decodeIfPresent(CitizenID.self, forKey: .spouseID)
        fatherID = try container.decodeIfPresent(CitizenID.self, forKey: .fatherID)
        motherID = try container.decodeIfPresent(CitizenID.self, forKey: .motherID)
        householdID = try container.decode(String.self, forKey: .householdID)
        householdHeadID = try container.decode(CitizenID.self, forKey: .householdHeadID)
        deceasedOn = try container.decodeIfPresent(LocalDate.self, forKey: .deceasedOn)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(citizenID, forKey: .citizenID)
        try container.encodeLegacyID(legacyID, forKey: .legacyID)
        try container.encode(fullName, forKey: .fullName)
        try container.encode(sex, forKey: .sex)
        try container.encode(dateOfBirth, forKey: .dateOfBirth)
        try container.encode(birthplace, forKey: .birthplace)
        try container.encode(nativePlace, forKey: .nativePlace)
        try container.encode(permanentAddress, forKey: .permanentAddress)
        try container.encode(currentAddress, forKey: .currentAddress)
        try container.encode(maritalStatus, forKey: .maritalStatus)
        try container.encodeIfPresent(spouseID, forKey: .spouseID)
        try container.encodeIfPresent(fatherID, forKey: .fatherID)
        try container.encodeIfPresent(motherID, forKey: .motherID)
        try container.encode(householdID, forKey: .householdID)
        try container.encode(householdHeadID, forKey: .householdHeadID)
        try container.encodeIfPresent(deceasedOn, forKey: .deceasedOn)
    }
}
