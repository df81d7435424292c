import Crypto
import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The JSON API, implementing the operations generated from `openapi.yaml`.
///
/// A final class, not a struct: the generated server copies its handler into every request's closure, and a
/// struct of ~30 references costs ~30 retains and releases per request (4 % of a receipt's processor time).
final class APIImplementation: APIProtocol {
    let reference: ReferenceData
    let service: DossierService
    let documents: DocumentService
    let auth: AuthService
    let officials: SQLOfficialRepository
    let worklist: SQLWorklistRepository
    let registry: RegistryGateway
    let accessLog: SQLRegistryAccessLog
    let statusLimiter: LookupRateLimiter
    let access: AccessControl
    let lookUpQuota: LookUpQuota
    let importDirectory: URL
    let results: ResultService
    let archive: PersonalArchive
    let sharing: ArchiveSharing
    /// Openings of shared links per client address.
    let shareLimiter: VerificationRateLimiter
    /// Once-only: the citizens' valid results, for what a procedure would ask of them.
    let reusable: ReusableResults
    let zeroPaper: ZeroPaperScore
    /// Legacy paper registers: the data-entry queue, page images, links.
    let legacy: LegacyDataEntry
    /// Register books uploaded as ZIP files.
    let legacyUpload: LegacyBookUpload
    /// Public verification requests per client address.
    let verificationLimiter: VerificationRateLimiter
    /// The Decision 766 index (scores, the dossiers behind them, the public figures).
    let index: IndexService
    /// Ratings and complaints/petitions (PAKN).
    let satisfaction: SatisfactionService
    /// The operations centre's shared snapshots.
    let operations: OperationsCentre
    /// Reconciliation runs in the background.
    let reconciliationJobs: ReconciliationJobService
    let now: @Sendable () -> Date

    init(
        reference: ReferenceData, service: DossierService, documents: DocumentService, auth: AuthService,
        officials: SQLOfficialRepository, worklist: SQLWorklistRepository, registry: RegistryGateway,
        accessLog: SQLRegistryAccessLog, statusLimiter: LookupRateLimiter, access: AccessControl,
        lookUpQuota: LookUpQuota, importDirectory: URL, results: ResultService, archive: PersonalArchive,
        sharing: ArchiveSharing, shareLimiter: VerificationRateLimiter, reusable: ReusableResults,
        zeroPaper: ZeroPaperScore, legacy: LegacyDataEntry, legacyUpload: LegacyBookUpload,
        verificationLimiter: VerificationRateLimiter, index: IndexService, satisfaction: SatisfactionService,
        operations: OperationsCentre, reconciliationJobs: ReconciliationJobService, now: @escaping @Sendable () -> Date
    ) {
        self.reference = reference
        self.service = service
        self.documents = documents
        self.auth = auth
        self.officials = officials
        self.worklist = worklist
        self.registry = registry
        self.accessLog = accessLog
        self.statusLimiter = statusLimiter
        self.access = access
        self.lookUpQuota = lookUpQuota
        self.importDirectory = importDirectory
        self.results = results
        self.archive = archive
        self.sharing = sharing
        self.shareLimiter = shareLimiter
        self.reusable = reusable
        self.zeroPaper = zeroPaper
        self.legacy = legacy
        self.legacyUpload = legacyUpload
        self.verificationLimiter = verificationLimiter
        self.index = index
        self.satisfaction = satisfaction
        self.operations = operations
        self.reconciliationJobs = reconciliationJobs
        self.now = now
    }

    /// The caller, once `AccessPolicy` grants them the operation, and the scope it grants; otherwise 401
    /// (nobody signed in) or 403. `AccessPolicyMiddleware` already refused ungranted calls before decoding;
    /// handlers ask again for the scope that narrows what they read.
    func authorize(_ operation: PlatformOperation) throws -> (caller: Caller?, scope: AccessScope) {
        let context = AppRequestContext.current
        let scope = try access.authorize(operation, context)
        if let principal = context?.principal { return (.official(principal), scope) }
        if let citizen = context?.citizen { return (.citizen(citizen), scope) }
        return (nil, scope)
    }

    /// A signed-in caller granted the operation (official or citizen).
    func caller(_ operation: PlatformOperation) throws -> (caller: Caller, scope: AccessScope) {
        let (caller, scope) = try authorize(operation)
        guard let caller else { throw Problem.unauthenticated }
        return (caller, scope)
    }

    /// The official granted an operation that the policy gives to officials only.
    func official(_ operation: PlatformOperation) throws -> (principal: Principal, scope: AccessScope) {
        let (caller, scope) = try caller(operation)
        guard case .official(let principal) = caller else { throw AccessControl.refusal(operation, party: access.party(AppRequestContext.current)) }
        return (principal, scope)
    }

    /// The citizen granted an operation that the policy gives to citizens only.
    func citizen(_ operation: PlatformOperation) throws -> CitizenPrincipal {
        let (caller, _) = try caller(operation)
        guard case .citizen(let citizen) = caller else { throw AccessControl.refusal(operation, party: access.party(AppRequestContext.current)) }
        return citizen
    }

    // MARK: - Auth

    func signIn(_ input: Operations.SignIn.Input) async throws -> Operations.SignIn.Output {
        _ = try authorize(.signIn)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        do {
            let result = try await auth.signIn(
                username: body.username, password: body.password, address: AppRequestContext.current?.remoteAddress)
            return .ok(.init(body: .json(.init(token: result.token, expiresAt: result.expiresAt, official: .init(result.official)))))
        } catch let error as SignInError {
            throw Problem.from(error)
        }
    }

    func signOut(_ input: Operations.SignOut.Input) async throws -> Operations.SignOut.Output {
        _ = try caller(.signOut)
        guard let session = AppRequestContext.current?.sessionID else { throw Problem.unauthenticated }
        try await auth.signOut(session: session)
        return .noContent(.init())
    }

    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        let (principal, _) = try official(.changePassword)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        do {
            try await auth.changePassword(
                officialID: principal.officialID, session: AppRequestContext.current?.sessionID, current: body.currentPassword,
                new: body.newPassword, address: AppRequestContext.current?.remoteAddress)
        } catch let error as SignInError {
            throw Problem.from(error)
        }
        return .noContent(.init())
    }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let (principal, _) = try official(.getMe)
        guard let official = try await officials.find(id: principal.officialID), official.active else {
            throw Problem.invalidToken
        }
        return .ok(.init(body: .json(.init(official))))
    }

    func listOfficials(_ input: Operations.ListOfficials.Input) async throws -> Operations.ListOfficials.Output {
        let (principal, _) = try official(.listOfficials)
        let role = input.query.role.flatMap { Role(rawValue: $0.rawValue) }
        let list = try await officials.list(agencyID: principal.agencyID, role: role)
        return .ok(.init(body: .json(list.filter(\.active).map(Components.Schemas.Official.init))))
    }

    // MARK: - Catalogue

    func listProcedures(_ input: Operations.ListProcedures.Input) async throws -> Operations.ListProcedures.Output {
        _ = try authorize(.listProcedures)
        let items = reference.catalogue.procedures.filter { procedure in
            (input.query.sector.map { $0 == procedure.sector } ?? true)
                && (input.query.level.map { $0.rawValue == procedure.level.rawValue } ?? true)
        }
        return .ok(.init(body: .json(items.map(Components.Schemas.Procedure.init))))
    }

    func getProcedure(_ input: Operations.GetProcedure.Input) async throws -> Operations.GetProcedure.Output {
        _ = try authorize(.getProcedure)
        guard let procedure = reference.catalogue.procedure(code: input.path.code) else {
            throw Problem.notFound("Không có thủ tục \(input.path.code) / no procedure with code \(input.path.code)")
        }
        return .ok(.init(body: .json(.init(procedure))))
    }

    func listAgencies(_ input: Operations.ListAgencies.Input) async throws -> Operations.ListAgencies.Output {
        _ = try authorize(.listAgencies)
        let items = reference.agencies.agencies.filter { agency in
            input.query.kind.map { $0.rawValue == agency.kind.rawValue } ?? true
        }
        return .ok(.init(body: .json(items.map(Components.Schemas.Agency.init))))
    }

    func getAgency(_ input: Operations.GetAgency.Input) async throws -> Operations.GetAgency.Output {
        _ = try authorize(.getAgency)
        guard let agency = reference.agencies.agency(id: input.path.id) else {
            throw Problem.notFound("Không có cơ quan \(input.path.id) / no agency \(input.path.id)")
        }
        return .ok(.init(body: .json(.init(agency))))
    }

    // MARK: - Dossiers

    func createDossier(_ input: Operations.CreateDossier.Input) async throws -> Operations.CreateDossier.Output {
        let (principal, scope) = try caller(.createDossier)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        guard let channel = Channel(rawValue: body.channel.rawValue) else { throw Problem.invalid("unknown channel", field: "channel") }
        let request = DossierRequest(
            procedureCode: body.procedureCode, agencyID: body.agencyId, applicantID: body.applicant.citizenId,
            applicantName: body.applicant.fullName, channel: channel,
            formData: body.formData?.additionalProperties ?? [:],
            components: (body.components ?? []).map { .init(code: $0.code, reference: $0.reference) })
        let now = now
        let outcome = try await service.create(
            request, by: principal, idempotencyKey: input.headers.idempotencyKey,
            requestHash: input.headers.idempotencyKey == nil ? "" : try Self.hash(body), wait: Self.wait(input.headers.prefer),
            render: { try Self.render(.init($0, now: now(), for: principal)) })
        switch outcome {
        case .done(let dossier): return .created(.init(body: .json(.init(dossier, now: now(), for: principal))))
        case .replayed(let stored):
            // The same dossier as the first answer, as it is now: national data may have completed it since
            // (a new version), and a client that retried must not act on a stale version.
            let first = try Self.decodeStored(stored)
            guard let current = try? await service.visibleDossier(code: first.code, for: principal, scope: scope) else {
                return .created(.init(body: .json(first)))
            }
            return .created(.init(body: .json(.init(current, now: now(), for: principal))))
        }
    }

    func listDossiers(_ input: Operations.ListDossiers.Input) async throws -> Operations.ListDossiers.Output {
        let query = input.query
        var filter: DossierQuery
        let (caller, scope) = try caller(.listDossiers)
        switch caller {
        case .citizen(let citizen):
            // A citizen's listing is their own dossiers, whatever the agency.
            filter = DossierQuery(scope: .all)
            filter.applicantID = citizen.citizenID
        case .official(let principal):
            filter = DossierQuery(scope: try service.listingScope(for: principal, granted: scope, requestedAgency: query.agency))
            if query.assignedToMe == true { filter.handlerID = principal.officialID }
        }
        filter.statuses = (query.status ?? []).compactMap { DossierStatus(name: $0.rawValue) }
        filter.step = query.step.flatMap { ProcessStep(rawValue: $0.rawValue) }
        if query.overdue == true { filter.overdueAt = now() }
        if let days = query.dueWithinDays { filter.dueBefore = service.endOfWorkingDay(afterWorkingDays: days) }
        filter.limit = query.limit ?? 50
        if let cursor = query.cursor {
            guard let parsed = DossierCursor(token: cursor) else {
                throw Problem.invalid("Con trỏ phân trang không hợp lệ / the cursor is not one this API issued", field: "cursor")
            }
            filter.after = parsed
        }
        let page = try await service.list(filter)
        let now = now()
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, now: now) }, nextCursor: page.next?.token))))
    }

    func getDossier(_ input: Operations.GetDossier.Input) async throws -> Operations.GetDossier.Output {
        let (caller, scope) = try caller(.getDossier)
        let (dossier, pending) = try await service.detail(code: input.path.code, for: caller, scope: scope)
        return .ok(.init(body: .json(.init(dossier, now: now(), verification: pending, for: caller))))
    }

    func transitionDossier(_ input: Operations.TransitionDossier.Input) async throws -> Operations.TransitionDossier.Output {
        let (principal, scope) = try caller(.transitionDossier)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let action = try await action(from: body, principal: principal)
        let now = now
        let outcome = try await service.transition(
            code: input.path.code, action: action, version: body.version, by: principal, scope: scope,
            idempotencyKey: input.headers.idempotencyKey,
            requestHash: input.headers.idempotencyKey == nil ? "" : try Self.hash(body),
            render: { try Self.render(.init($0, now: now(), for: principal)) })
        switch outcome {
        case .done(let dossier): return .ok(.init(body: .json(.init(dossier, now: now(), for: principal))))
        case .replayed(let stored): return .ok(.init(body: .json(try Self.decodeStored(stored))))
        }
    }

    func getDossierHistory(_ input: Operations.GetDossierHistory.Input) async throws -> Operations.GetDossierHistory.Output {
        let (caller, scope) = try caller(.getDossierHistory)
        let entries = try await service.history(code: input.path.code, for: caller, scope: scope)
        return .ok(.init(body: .json(entries.map { .init($0, for: caller) })))
    }

    // MARK: - Helpers

    /// Maps the request to a workflow action, naming the field a given action needs.
    private func action(from body: Components.Schemas.TransitionRequest, principal: Caller) async throws -> DossierAction {
        func required(_ value: String?, _ field: String) throws -> String {
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Problem.invalid("'\(body.action.rawValue)' cần trường \(field) / '\(body.action.rawValue)' needs '\(field)'", field: field)
            }
            return value
        }
        switch body.action {
        case .receive: return .receive
        case .refuseReceipt: return .refuseReceipt(reason: try required(body.reason, "reason"))
        case .assign:
            let id = try required(body.assigneeId, "assigneeId")
            // An unknown or inactive id becomes a reference that no agency's specialist matches, so the workflow
            // answers exactly as for another agency's official: the answer never tells whether an id exists.
            guard let official = try await officials.find(id: id), official.active else {
                return .assign(specialist: OfficialReference(id: id, role: .agencyAdministrator, agencyID: ""))
            }
            return .assign(specialist: official.reference)
        case .appraise: return .appraise(opinion: try required(body.opinion, "opinion"))
        case .requestSupplement: return .requestSupplement(reason: try required(body.reason, "reason"))
        case .supplement: return .supplement(note: body.note)
        case .approve: return .approve(note: body.note, overrideReason: body.overrideReason)
        case .refuse: return .refuse(reason: try required(body.reason, "reason"))
        case .approveForSignature: return .approveForSignature(note: body.note, overrideReason: body.overrideReason)
        case .returnResult: return .returnResult(note: body.note, paperCopy: body.paperCopy ?? false)
        case .withdraw: return .withdraw(reason: try required(body.reason, "reason"))
        case .stop: return .stop(reason: try required(body.reason, "reason"))
        case .extend:
            guard let newDueAt = body.newDueAt else {
                throw Problem.invalid("'extend' cần ngày hẹn mới / 'extend' needs 'newDueAt'", field: "newDueAt")
            }
            return .extend(reason: try required(body.reason, "reason"), newDueAt: newDueAt)
        case .requestPayment:
            return .requestPayment(reason: try required(body.reason, "reason"), amountVND: body.amountVND.map { Int($0) })
        case .recordPayment: return .recordPayment(note: body.note)
        }
    }

    /// `Prefer: wait=N` (RFC 7240), at most 10 s.
    static func wait(_ prefer: String?) -> Duration {
        guard let prefer, let seconds = prefer.split(separator: "=").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { return .zero }
        return .seconds(min(max(seconds, 0), 10))
    }

    private static func hash(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Hex.encode(SHA256.hash(data: try encoder.encode(value)))
    }

    private static func render(_ dossier: Components.Schemas.Dossier) throws -> String {
        String(decoding: try JSONEncoder().encode(dossier), as: UTF8.self)
    }

    private static func decodeStored(_ body: String) throws -> Components.Schemas.Dossier {
        try JSONDecoder().decode(Components.Schemas.Dossier.self, from: Data(body.utf8))
    }
}
