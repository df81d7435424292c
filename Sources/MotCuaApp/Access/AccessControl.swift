import HTTPTypes
import MotCuaDomain
import OpenAPIRuntime

/// Applies `AccessPolicy` to a request: who the caller is, and the answer when the policy refuses them
/// (401 for nobody signed in, 403 for a signed-in caller without the right).
struct AccessControl: Sendable {
    let agencies: AgencyDirectory

    /// The caller of a request as the policy sees them.
    func party(_ context: AppRequestContext?) -> AccessParty {
        if let principal = context?.principal {
            return .official(principal.role, provincial: agencies.isProvincial(principal.agencyID))
        }
        if let citizen = context?.citizen { return .citizen(level: citizen.assuranceLevel) }
        return .anonymous
    }

    /// The scope granted for the operation, or the problem that refuses it.
    func authorize(_ operation: PlatformOperation, _ context: AppRequestContext?) throws -> AccessScope {
        let party = party(context)
        if let scope = AccessPolicy.scope(of: operation, for: party) { return scope }
        if party == .anonymous { throw Problem.unauthenticated }
        throw Self.refusal(operation, party: party)
    }

    static func refusal(_ operation: PlatformOperation, party: AccessParty) -> Problem {
        if case .citizen(level: 1) = party, AccessPolicy.scope(of: operation, for: .citizen(level: 2)) != nil {
            return Problem.forbidden(
                "Cần tài khoản định danh điện tử mức độ 2 để nộp và xử lý hồ sơ trực tuyến / an e-ID of assurance level 2 is needed to submit and act on dossiers online; level 1 accounts can only follow them")
        }
        return Problem.forbidden(
            "Bạn không có quyền dùng chức năng này / '\(operation.rawValue)' is for: \(AccessPolicy.describe(operation))")
    }
}

/// Checks every generated API operation against the policy before its input is even decoded. An
/// operationId the policy does not know is refused, so nothing new is reachable before it has a rule.
struct AccessPolicyMiddleware: ServerMiddleware {
    let control: AccessControl

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let operation = PlatformOperation(operationID: operationID) else {
            throw Problem.forbidden("Chức năng chưa được cấp quyền / no access rule is declared for '\(operationID)'")
        }
        _ = try control.authorize(operation, AppRequestContext.current)
        return try await next(request, body, metadata)
    }
}
