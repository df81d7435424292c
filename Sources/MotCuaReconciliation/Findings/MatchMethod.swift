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
