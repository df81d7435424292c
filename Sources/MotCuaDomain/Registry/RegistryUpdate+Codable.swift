// The wire form of an update: a flat JSON object whose "kind" says which change it is, e.g.
// {"kind":"register_marriage","husband":"…","wife":"…","date":"2026-05-01","communeCode":"09187"}.
// A flat object keeps the form easy to write by hand (curl, drills) and to read in a message log; Swift's
// synthesised enum coding would nest every case under its name instead.
extension RegistryUpdate: Codable {
    /// The `kind` values of the wire form.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case registerMarriage = "register_marriage"
        case applyMarriageRegistration = "apply_marriage_registration"
        case registerDeath = "register_death"
        case registerDivorce = "register_divorce"
        case updateLandParcel = "update_land_parcel"
        case convertLandOwner = "convert_land_owner"
        case convertInsuranceHolder = "convert_insurance_holder"
    }

    /// Which change this is.
    public var kind: Kind {
        switch self {
        case .registerMarriage: .registerMarriage
        case .applyMarriageRegistration: .applyMarriageRegistration
        case .registerDeath: .registerDeath
        case .registerDivorce: .registerDivorce
        case .updateLandParcel: .updateLandParcel
        case .convertLandOwner: .convertLandOwner
        case .convertInsuranceHolder: .convertInsuranceHolder
        }
    }

    /// The database that owns the change and answers for it.
    public var registry: RegistrySource {
        switch self {
        case .registerMarriage, .applyMarriageRegistration, .registerDeath, .registerDivorce: .civilStatus
        case .convertLandOwner, .updateLandParcel: .land
        case .convertInsuranceHolder: .socialInsurance
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, husband, wife, date, communeCode, registrationNumber, citizenID, parcelID, legacyID, decision, areaSquareMetres, landUse
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .registerMarriage:
            self = .registerMarriage(
                husband: try container.decode(CitizenID.self, forKey: .husband),
                wife: try container.decode(CitizenID.self, forKey: .wife),
                date: try container.decode(LocalDate.self, forKey: .date),
                communeCode: try container.decode(String.self, forKey: .communeCode))
        case .applyMarriageRegistration:
            self = .applyMarriageRegistration(registrationNumber: try container.decode(String.self, forKey: .registrationNumber))
        case .registerDeath:
            self = .registerDeath(
                try container.decode(CitizenID.self, forKey: .citizenID),
                date: try container.decode(LocalDate.self, forKey: .date),
                communeCode: try container.decode(String.self, forKey: .communeCode))
        case .registerDivorce:
            self = .registerDivorce(
                husband: try container.decode(CitizenID.self, forKey: .husband),
                wife: try container.decode(CitizenID.self, forKey: .wife),
                date: try container.decode(LocalDate.self, forKey: .date),
                decision: try container.decode(String.self, forKey: .decision),
                communeCode: try container.decode(String.self, forKey: .communeCode))
        case .updateLandParcel:
            self = .updateLandParcel(
                parcelID: try container.decode(String.self, forKey: .parcelID),
                holder: try container.decode(CitizenID.self, forKey: .citizenID),
                areaSquareMetres: try container.decodeIfPresent(Double.self, forKey: .areaSquareMetres),
                use: try container.decodeIfPresent(LandParcel.Use.self, forKey: .landUse))
        case .convertLandOwner:
            guard let legacyID = try container.decodeLegacyID(forKey: .legacyID) else {
                throw DecodingError.keyNotFound(
                    CodingKeys.legacyID, .init(codingPath: decoder.codingPath, debugDescription: "convert_land_owner names the old ID"))
            }
            self = .convertLandOwner(parcelID: try container.decode(String.self, forKey: .parcelID), legacyID: legacyID)
        case .convertInsuranceHolder:
            self = .convertInsuranceHolder(try container.decode(CitizenID.self, forKey: .citizenID))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .registerMarriage(let husband, let wife, let date, let communeCode):
            try container.encode(husband, forKey: .husband)
            try container.encode(wife, forKey: .wife)
            try container.encode(date, forKey: .date)
            try container.encode(communeCode, forKey: .communeCode)
        case .applyMarriageRegistration(let number):
            try container.encode(number, forKey: .registrationNumber)
        case .registerDeath(let id, let date, let communeCode):
            try container.encode(id, forKey: .citizenID)
            try container.encode(date, forKey: .date)
            try container.encode(communeCode, forKey: .communeCode)
        case .registerDivorce(let husband, let wife, let date, let decision, let communeCode):
            try container.encode(husband, forKey: .husband)
            try container.encode(wife, forKey: .wife)
            try container.encode(date, forKey: .date)
            try container.encode(decision, forKey: .decision)
            try container.encode(communeCode, forKey: .communeCode)
        case .updateLandParcel(let parcelID, let holder, let area, let use):
            try container.encode(parcelID, forKey: .parcelID)
            try container.encode(holder, forKey: .citizenID)
            try container.encodeIfPresent(area, forKey: .areaSquareMetres)
            try container.encodeIfPresent(use, forKey: .landUse)
        case .convertLandOwner(let parcelID, let legacyID):
            try container.encode(parcelID, forKey: .parcelID)
            try container.encodeLegacyID(legacyID, forKey: .legacyID)
        case .convertInsuranceHolder(let id):
            try container.encode(id, forKey: .citizenID)
        }
    }
}
