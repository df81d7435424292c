/// A national or sectoral database from which the State can fetch a document instead of asking the citizen.
///
/// Marking a component with its registry is what lets reception officers tick it as "fetched" rather than
/// requiring a paper copy (the "do not ask citizens for data the State already holds" rule).
public enum RegistrySource: String, Sendable, Codable, Hashable, CaseIterable {
    /// National population database (CSDLQG về dân cư): identity, residence, household.
    case population
    /// Electronic civil-status database of the Ministry of Justice: birth, marriage, death records.
    case civilStatus = "civil_status"
    /// Social-insurance database (Vietnam Social Security): insurance numbers and health-insurance cards.
    case socialInsurance = "social_insurance"
    /// Land database: land-use right certificates and land parcels.
    case land
    /// Tax database.
    case tax
    /// National business registration database.
    case business

    /// Vietnamese name of the database.
    public var nameVi: String {
        switch self {
        case .population: "Cơ sở dữ liệu quốc gia về dân cư"
        case .civilStatus: "Cơ sở dữ liệu hộ tịch điện tử"
        case .socialInsurance: "Cơ sở dữ liệu bảo hiểm xã hội, bảo hiểm y tế"
        case .land: "Cơ sở dữ liệu đất đai"
        case .tax: "Cơ sở dữ liệu thuế"
        case .business: "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"
        }
    }

    /// English name of the database.
    public var nameEn: String {
        switch self {
        case .population: "National population database"
        case .civilStatus: "Electronic civil-status database"
        case .socialInsurance: "Social and health insurance database"
        case .land: "Land database"
        case .tax: "Tax database"
        case .business: "National business registration database"
        }
    }
}
