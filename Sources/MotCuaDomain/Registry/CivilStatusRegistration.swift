
/// An entry in the synthetic civil-status database (cơ sở dữ liệu hộ tịch điện tử) of the Ministry of Justice.
public struct CivilStatusRegistration: Sendable, Hashable, Codable {
    /// What was registered.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case birth
        case marriage
        case divorce
        case death

        /// Prefix of the registration number: khai sinh, kết hôn, ly hôn, khai tử.
        public var numberPrefix: String {
            switch self {
            case .birth: "KS"
            case .marriage: "KH"
            case .divorce: "LH"
            case .death: "KT"
            }
        }

        /// The kind whose registration numbers start with `numberPrefix` ("KS", "KH", "LH", "KT").
        public init?(numberPrefix: String) {
            guard let kind = Self.allCases.first(where: { $0.numberPrefix == numberPrefix }) else { return nil }
            self = kind
        }
    }

    /// A person's role in a registration.
    public enum Role: String, Sendable, Hashable, Codable {
        case child, father, mother, husband, wife, deceased
    }

    /// A person named in a registration, by citizen ID.
    public struct Party: Sendable, Hashable, Codable {
        public var role: Role
        public var citizenID: CitizenID

        public init(role: Role, citizenID: CitizenID) {
            self.role = role
            self.citizenID = citizenID
        }
    }

    public var kind: Kind
    /// Unique number, `<KS|KH|LH|KT>-<commune code>-<year>-<sequence>`, e.g. "KH-09187-2019-000123".
    /// [U] The real books number entries per book and year ("Số 123, Quyển số 01/2019"); this synthetic form
    /// adds the kind and commune so that one string identifies the entry nationally.
    public var registrationNumber: String
    public var date: LocalDate
    /// The commune-level unit that registered it (Decision 19/2025 code).
    public var communeCode: String
    public var parties: [Party]

    public init(kind: Kind, registrationNumber: String, date: LocalDate, communeCode: String, parties: [Party]) {
        self.kind = kind
        self.registrationNumber = registrationNumber
        self.date = date
        self.communeCode = communeCode
        self.parties = parties
    }

    /// The party with the given role, if named.
    public func party(_ role: Role) -> CitizenID? { parties.first { $0.role == role }?.citizenID }
}
