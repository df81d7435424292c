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

    /// Citizens act on dossiers (submit, supplement, withdraw) only with an e-ID of level 2.
    func requireActingRights() throws {
        if case .citizen(let citizen) = self, citizen.assuranceLevel < 2 {
            throw Problem.forbidden(
                "Cần tài khoản định danh điện tử mức độ 2 để nộp và xử lý hồ sơ trực tuyến / an e-ID of assurance level 2 is needed to submit and act on dossiers online; level 1 accounts can only follow them")
        }
    }
}
