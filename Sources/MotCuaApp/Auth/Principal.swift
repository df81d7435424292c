import MotCuaDomain

/// The authenticated caller of a request.
public struct Principal: Sendable, Hashable {
    public let officialID: String
    public let role: Role
    public let agencyID: String

    /// The workflow's view of the caller.
    public var actor: Actor { .official(id: officialID, role: role, agencyID: agencyID) }
}
