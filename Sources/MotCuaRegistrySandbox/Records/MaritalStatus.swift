/// Marital status as held in the population register (tình trạng hôn nhân).
public enum MaritalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case single
    case married
    case divorced
    case widowed

    /// The code stored in compact rows; the order is part of the storage format.
    var code: UInt8 {
        switch self {
        case .single: 0
        case .married: 1
        case .divorced: 2
        case .widowed: 3
        }
    }

    init(code: UInt8) {
        switch code {
        case 1: self = .married
        case 2: self = .divorced
        case 3: self = .widowed
        default: self = .single
        }
    }
}
