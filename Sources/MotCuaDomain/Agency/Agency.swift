/// A public body that receives or handles dossiers.
public struct Agency: Sendable, Codable, Hashable, Identifiable {
    /// What kind of body this is; decides which procedures it may receive.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// The provincial People's Committee.
        case provincialCommittee = "provincial_committee"
        /// The Public Administration Service Centre (provincial one-stop desk).
        case serviceCentre = "service_centre"
        /// A specialised department of the province (Sở).
        case department
        /// A commune-level People's Committee (xã or phường).
        case commune
    }

    /// Short stable key used in the API and the catalogue, e.g. `so-tu-phap` or `xa-07663`.
    public let id: String
    /// Electronic identifier used as the prefix of dossier codes (QCVN 102 form).
    public let identifier: String
    public let kind: Kind
    public let nameVi: String
    public let nameEn: String
    /// Official 5-digit administrative code (Decision 19/2025) for communes and wards.
    public let administrativeCode: String?

    public init(id: String, identifier: String, kind: Kind, nameVi: String, nameEn: String, administrativeCode: String? = nil) {
        self.id = id
        self.identifier = identifier
        self.kind = kind
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.administrativeCode = administrativeCode
    }
}
