/// Who performs an action on a dossier.
public enum Actor: Sendable, Hashable {
    /// An official acting in their role at their agency.
    case official(id: String, role: Role, agencyID: String)
    /// A citizen acting on their own dossier (online channel).
    case citizen(CitizenID)
    /// The platform itself, e.g. completing national-database look-ups in the background.
    case system(String)

    /// Identifier written to the history.
    public var id: String {
        switch self {
        case .official(let id, _, _): id
        case .citizen(let citizenID): "citizen:" + citizenID.masked
        case .system(let name): "system:" + name
        }
    }

    /// Role written to the history.
    public var roleName: String {
        switch self {
        case .official(_, let role, _): role.rawValue
        case .citizen: "citizen"
        case .system: "system"
        }
    }

    /// Agency written to the history; nil for citizens.
    public var agencyID: String? {
        switch self {
        case .official(_, _, let agencyID): agencyID
        case .citizen, .system: nil
        }
    }
}
