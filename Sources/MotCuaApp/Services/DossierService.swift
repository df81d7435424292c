import Foundation
import MotCuaDomain
import MotCuaStorage

/// Use cases on dossiers: what a caller may see within the scope `AccessPolicy` granted, idempotent receipt
/// and transitions, quotas. Throws the domain's errors (`DossierError`, `IntakeError`, `TransitionError`); the
/// HTTP edge maps them to problem details.
struct DossierService: Sendable {
    let reference: ReferenceData
    let intake: DossierIntake
    let dossiers: SQLDossierRepository
    let officials: SQLOfficialRepository
    let idempotency: SQLIdempotencyStore
    /// The applicants' valid signed results, which satisfy reusable components (once-only).
    let reusable: ReusableResults
    /// Fetches what the components need from the national databases once a dossier is received.
    let verifier: RegistryVerifier
    let trigger: VerificationTrigger
    /// Online submissions one citizen account may make per day (Vietnam time).
    let submissionsPerCitizenPerDay: Int
    let now: @Sendable () -> Date
    private let submissions = SubmissionReservations()

    /// The answer to a write: a fresh result, or the stored answer to an earlier identical request.
    enum Outcome: Sendable {
        case done(Dossier)
        case replayed(body: String)
    }

    /// Keys are scoped to the caller, so two callers can never collide on a key.
    private func scope(_ caller: Caller, _ operation: String) -> String { caller.scopeKey + "|" + operation }

    /// - Parameter wait: how long the caller is willing to wait for the national data (`Prefer: wait`); zero
    ///   answers with the received dossier at once, its components still pending.
    func create(
        _ request: DossierRequest, by principal: Caller, idempotencyKey: String?, requestHash: String, wait: Duration = .zero,
        render: @escaping @Sendable (Dossier) throws -> String
    ) async throws -> Outcome {
        let scope = scope(principal, "create-dossier")
        if let key = idempotencyKey, let stored = try await replay(scope: scope, key: key, requestHash: requestHash) {
            return stored
        }
        let plan = try intake.plan(request, by: principal.actor, at: now(), archive: try await reusableResults(for: request))
        var reserved: String?
        if case .citizen(let citizen) = principal {
            try await requireSubmissionQuota(citizen)
            reserved = citizen.citizenID.value
        }
        defer { if let reserved { submissions.release(reserved) } }
        let write = idempotencyKey.map {
            IdempotencyWrite(scope: scope, key: $0, requestHash: requestHash, statusCode: 201, render: render)
        }
        let received: Dossier
        do {
            received = try await dossiers.create(plan, idempotency: write)
        } catch RepositoryError.idempotencyKeyTaken {
            // A concurrent retry with the same key committed first: answer with what it stored.
            guard let key = idempotencyKey, let stored = try await replay(scope: scope, key: key, requestHash: requestHash) else {
                throw DossierError.replayUnavailable
            }
            return stored
        } catch RepositoryError.dailySequenceExhausted {
            throw DossierError.dailyCapacity(plan.numberingSeries, retryAfterSeconds: WorkingCalendar.secondsToNextDay(after: now()))
        }
        // The dossier is received and durable; the background verifier completes it from national data.
        guard RegistryVerification.isPending(received) else { return .done(received) }
        verifier.pressure.record()
        trigger.wake()
        guard wait > .zero else { return .done(received) }
        return .done((try? await verifier.awaitFirstRound(of: received, limit: wait)) ?? received)
    }

    /// The applicant's signed results that are valid today, looked up only for a procedure with a component that
    /// an archived result can satisfy (so other receipts cost no extra read). Revoked, superseded and expired
    /// results are never reused; only the applicant's own archive is searched.
    private func reusableResults(for request: DossierRequest) async throws -> [ArchivedResult] {
        guard let applicant = try? CitizenID(request.applicantID) else { return [] }
        return try await reusable.valid(of: applicant, for: reference.catalogue.procedure(code: request.procedureCode))
    }

    /// One account cannot take more than its share of the receiving units' daily numbers: at most
    /// `submissionsPerCitizenPerDay` online submissions per Vietnam day, else 429 until midnight. Reserves a
    /// slot (released by the caller when the request ends) so concurrent submissions count each other.
    private func requireSubmissionQuota(_ citizen: CitizenPrincipal) async throws {
        let account = citizen.citizenID.value
        let others = submissions.reserve(account)
        do {
            let now = now()
            let submitted = try await dossiers.onlineSubmissionCount(
                applicantID: citizen.citizenID, since: WorkingCalendar.startOfDay(containing: now))
            guard submitted + others >= submissionsPerCitizenPerDay else { return }
            throw DossierError.submissionQuota(
                perDay: submissionsPerCitizenPerDay, retryAfterSeconds: WorkingCalendar.secondsToNextDay(after: now))
        } catch {
            submissions.release(account)
            throw error
        }
    }

    func transition(
        code: String, action: DossierAction, version: Int, by principal: Caller, scope granted: AccessScope, idempotencyKey: String?,
        requestHash: String, render: @escaping @Sendable (Dossier) throws -> String
    ) async throws -> Outcome {
        let scope = scope(principal, "transition|" + code)
        if let key = idempotencyKey, let stored = try await replay(scope: scope, key: key, requestHash: requestHash) {
            return stored
        }
        let seen = try await visibleDossier(code: code, for: principal, scope: granted)
        // Background completions since the version the caller sent do not make their action stale.
        let expectedVersion =
            version < seen.version
            ? DossierWorkflow.versionAfterSystemCompletions(seen: version, history: try await dossiers.history(dossierID: seen.id))
            : version
        let write = idempotencyKey.map {
            IdempotencyWrite(scope: scope, key: $0, requestHash: requestHash, statusCode: 200, render: render)
        }
        let catalogue = reference.catalogue
        let workflow = intake.workflow
        let actor = principal.actor
        let now = now()
        do {
            return .done(
                try await dossiers.transition(code: code, idempotency: write) { current, database in
                    guard let procedure = catalogue.procedure(code: current.procedureCode) else {
                        throw TransitionError(.conflict, "procedure \(current.procedureCode) is no longer in the catalogue")
                    }
                    let (next, entry) = try workflow.apply(action, to: current, procedure: procedure, by: actor, expectedVersion: expectedVersion, at: now)
                    // Returning the result delivers the signed electronic result in the same transaction.
                    if case .returnResult(_, let paperCopy) = action {
                        _ = try await SQLResultRepository.markDelivered(dossierCode: code, paperCopy: paperCopy, at: now, on: database)
                    }
                    return (next, entry, ())
                }.dossier)
        } catch RepositoryError.versionConflict {
            throw DossierError.concurrentChange
        } catch RepositoryError.notFound {
            throw DossierError.notFound(code: code)
        } catch RepositoryError.idempotencyKeyTaken {
            guard let key = idempotencyKey, let stored = try await replay(scope: scope, key: key, requestHash: requestHash) else {
                throw DossierError.replayUnavailable
            }
            return stored
        }
    }

    /// A dossier within the caller's granted scope; otherwise 404, so codes of other agencies and other
    /// people's dossiers cannot be probed.
    func visibleDossier(code: String, for caller: Caller, scope: AccessScope) async throws -> Dossier {
        guard let dossier = try await dossiers.find(code: code), Self.isVisible(dossier, to: caller, scope: scope) else {
            throw DossierError.notFound(code: code)
        }
        return dossier
    }

    /// A dossier within the caller's scope with its pending national-data look-ups, if any.
    func detail(code: String, for caller: Caller, scope: AccessScope) async throws -> (Dossier, PendingVerification?) {
        let dossier = try await visibleDossier(code: code, for: caller, scope: scope)
        return (dossier, try await dossiers.pendingVerification(code: dossier.code))
    }

    /// The history of a dossier within the caller's scope.
    func history(code: String, for caller: Caller, scope: AccessScope) async throws -> [HistoryEntry] {
        try await dossiers.history(dossierID: try await visibleDossier(code: code, for: caller, scope: scope).id)
    }

    /// A page of dossiers; the caller's scope is already in the query (`listingScope`, or the applicant).
    func list(_ query: DossierQuery) async throws -> DossierPage {
        try await dossiers.list(query)
    }

    /// The dossier the public status page may describe: the code and the last four digits of the applicant's
    /// citizen ID must both match; nil otherwise, so a wrong pair reads like an unknown code.
    func publicDossier(code: String, idLast4: String) async throws -> Dossier? {
        guard let dossier = try await dossiers.find(code: code), dossier.applicantID.lastFour == idLast4 else { return nil }
        return dossier
    }

    /// Whether a dossier lies within the scope `AccessPolicy` granted the caller.
    static func isVisible(_ dossier: Dossier, to caller: Caller, scope: AccessScope) -> Bool {
        switch (scope, caller) {
        case (.province, .official): true
        case (.ownAgency, .official(let principal)):
            principal.agencyID == dossier.agencyID || principal.agencyID == dossier.receivingAgencyID
        case (.ownPerson, .citizen(let citizen)): dossier.applicantID == citizen.citizenID
        default: false
        }
    }

    /// The listing scope for an official: their own agency, or any agency when the policy grants the province.
    func listingScope(for principal: Principal, granted: AccessScope, requestedAgency: String?) throws -> DossierQuery.Scope {
        let agencyID = requestedAgency ?? principal.agencyID
        guard let agency = reference.agencies.agency(id: agencyID) else { throw DossierError.unknownAgency(agencyID) }
        if agencyID != principal.agencyID && granted < .province { throw DossierError.agencyOutsideScope }
        return agency.kind == .serviceCentre ? .receivedAt(agency.id) : .handledBy(agency.id)
    }

    /// The end of the office day `workingDays` working days from today, for "due within N days".
    /// The API bounds `workingDays` to 0…365; the result is computed without `Calendar`, so no date can fail.
    func endOfWorkingDay(afterWorkingDays workingDays: Int) -> Date {
        let calendar = reference.calendar
        let today = calendar.localDate(of: now())
        let target = workingDays == 0 && calendar.isWorkingDay(today) ? today : calendar.addingWorkingDays(max(workingDays, 1), to: today)
        return calendar.instant(on: target, atMinute: 23 * 60 + 59)
    }

    private func replay(scope: String, key: String, requestHash: String) async throws -> Outcome? {
        guard let stored = try await idempotency.find(scope: scope, key: key) else { return nil }
        guard stored.requestHash == requestHash else { throw DossierError.idempotencyKeyReused }
        return .replayed(body: stored.body)
    }
}
