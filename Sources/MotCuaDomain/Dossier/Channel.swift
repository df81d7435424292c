/// How a dossier reached the agency (national `KenhThucHien`: 1 in person, 2 online, 3 postal).
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    case counter
    case online
    case postal

    /// National channel code.
    public var nationalCode: Int {
        switch self {
        case .counter: 1
        case .online: 2
        case .postal: 3
        }
    }
}
