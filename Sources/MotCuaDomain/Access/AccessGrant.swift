/// One line of the access policy: an audience and the scope it gets.
public struct AccessGrant: Sendable, Hashable {
    /// Who a grant is for.
    public enum Audience: Sendable, Hashable {
        /// Everybody, signed in or not.
        case everyone
        /// Citizens signed in with the e-ID at least at this assurance level.
        case citizens(minimumLevel: Int)
        /// Officials holding one of these roles, at any agency.
        case officials(Set<Role>)
        /// Officials holding one of these roles at a provincial agency.
        case provincialOfficials(Set<Role>)

        func includes(_ party: AccessParty) -> Bool {
            switch (self, party) {
            case (.everyone, _): true
            case (.citizens(let minimum), .citizen(let level)): level >= minimum
            case (.officials(let roles), .official(let role, _)): roles.contains(role)
            case (.provincialOfficials(let roles), .official(let role, let provincial)): provincial && roles.contains(role)
            default: false
            }
        }
    }

    public let audience: Audience
    public let scope: AccessScope

    public init(_ audience: Audience, _ scope: AccessScope) {
        self.audience = audience
        self.scope = scope
    }
}
