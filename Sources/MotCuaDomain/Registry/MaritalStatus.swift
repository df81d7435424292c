/// Marital status as held in the population register (tình trạng hôn nhân).
public enum MaritalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case single
    case married
    case divorced
    case widowed
}
