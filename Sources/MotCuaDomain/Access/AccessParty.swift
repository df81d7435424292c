/// Who is asking, as the access policy sees it: nobody signed in, a citizen with the assurance level of
/// their e-ID, or an official in their role (and whether their agency is a provincial one).
public enum AccessParty: Sendable, Hashable {
    case anonymous
    /// A citizen signed in with the national e-ID; level 1 is self-registered, level 2 verified in person.
    case citizen(level: Int)
    /// An official in one role at one agency; `provincial` when the agency is the provincial committee or
    /// the public administration service centre.
    case official(Role, provincial: Bool)

    /// Every party the policy distinguishes, for tests that walk the whole matrix.
    public static var all: [AccessParty] {
        [.anonymous, .citizen(level: 1), .citizen(level: 2)]
            + Role.allCases.flatMap { [AccessParty.official($0, provincial: false), .official($0, provincial: true)] }
    }

    /// Short label for messages and test output.
    public var label: String {
        switch self {
        case .anonymous: "anonymous"
        case .citizen(let level): "citizen (e-ID level \(level))"
        case .official(let role, let provincial): role.rawValue + (provincial ? " (provincial)" : "")
        }
    }
}

extension AgencyDirectory {
    /// Whether the agency works at provincial level (the provincial committee or the service centre), which
    /// widens some roles' scope to the whole province.
    public func isProvincial(_ agencyID: String) -> Bool {
        guard let kind = agency(id: agencyID)?.kind else { return false }
        return kind == .provincialCommittee || kind == .serviceCentre
    }
}
