import MotCuaDomain

/// The authenticated caller of a request: an official, or a citizen signed in with the e-ID.
enum Caller: Sendable, Hashable {
    case official(Principal)
    case citizen(CitizenPrincipal)

    /// The workflow's view of the caller.
    var actor: Actor {
        switch self {
        case .official(let principal): principal.actor
        case .citizen(let citizen): citizen.actor
        }
    }

    /// Scopes idempotency keys, so two callers never collide on a key.
    var scopeKey: String {
        switch self {
        case .official(let principal): principal.officialID
        case .citizen(let citizen): "citizen:" + citizen.citizenID.value
        }
    }
}
