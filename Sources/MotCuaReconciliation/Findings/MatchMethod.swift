/// How a record was linked to the register.
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    /// By its own 12-digit ID.
    case citizenID = "citizen_id"
    /// By its old 9-digit ID through the register's crosswalk.
    case legacyID = "legacy_id"
    /// By name, date of birth, sex and place.
    case probabilistic
}

extension MatchMethod {
    /// The method's position in `allCases`.
    var ordinal: Int {
        switch self {
        case .none: 0
        case .citizenID: 1
        case .legacyID: 2
        case .probabilistic: 3
        }
    }
}
