import Foundation
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage

/// Completes received dossiers from the national databases: fetches what their pending components need,
/// marks them satisfied (or asks the applicant when no database holds them), flags discrepancies, and
/// reschedules what a database could not answer. Run by ``RegistryVerificationService``.
struct RegistryVerifier: Sendable {
    let gateway: RegistryGateway
    let dossiers: SQLDossierRepository
    let agencies: AgencyDirectory
    /// The procedures, for the components an archived result satisfies when a database does not hold them.
    let catalogue: ProcedureCatalogue
    /// The applicants' valid signed results (once-only: national database first, then the archive).
    let reusable: ReusableResults
    let logger: Logger
    let now: @Sendable () -> Date
    let pressure: ReceiptPressure

    /// Delay before the next round after `attempts` failed rounds: 5 s doubling, at most 15 minutes.
    static func backoff(attempts: Int) -> TimeInterval {
        min(5 * pow(2, Double(min(attempts, 10))), 15 * 60)
    }

    /// One round of look-ups for a dossier. Never throws: on any failure the dossier stays as it was and its
    /// queue entry (written with the receipt) brings it back.
    func verify(_ dossier: Dossier, caller: RegistryCaller, retry: Bool = false, attempts: Int = 0) async -> Dossier {
        guard RegistryVerification.isPending(dossier) else { return dossier }
        // Read before any database is asked, so that a failed read leaves no look-up unrecorded.
        let fallbacks: [String: ArchivedResult]
        do {
            fallbacks = try await archiveFallbacks(for: dossier)
        } catch {
            logger.error(
                "Reading the applicant's archive for a verification failed",
                metadata: LoggableError.metadata(error).merging(["dossier": "\(dossier.code)"]) { $1 })
            return dossier
        }
        let round = await gateway.gather(
            subjects: RegistryVerification.subjects(of: dossier), registries: RegistryVerification.registriesNeeded(for: dossier),
            caller: caller, purpose: .dossier(dossier.code, retry: retry))
        let evidence = round.evidence
        let error = round.failures.isEmpty ? nil : Set(round.failures.map(\.description)).sorted().joined(separator: "; ")
        let at = now()
        let actor = Actor.system("registry-verifier")
        do {
            return try await dossiers.recordVerification(
                code: dossier.code, access: round.entries, retryAt: at.addingTimeInterval(Self.backoff(attempts: attempts)),
                error: error
            ) { current in
                var next = current
                guard RegistryVerification.apply(evidence, to: &next, fallbacks: fallbacks) else { return nil }
                let settled = zip(current.components, next.components).filter { $0.state != $1.state }.map(\.1)
                // A reused component names the archived result (an opaque id, no personal data).
                let note = settled.map { "\($0.code): \($0.state.rawValue)" + ($0.state == .reused ? " \($0.reference ?? "")" : "") }
                    .joined(separator: ", ")
                    + (next.flags.isEmpty ? "" : " | flags: " + next.flags.map(\.kind.rawValue).joined(separator: ", "))
                next.version = current.version + 1
                let entry = HistoryEntry(
                    dossierID: current.id, sequence: next.version, action: "verify_registry", actor: actor, at: at,
                    statusBefore: current.status, statusAfter: current.status, stepBefore: current.step, stepAfter: current.step,
                    note: note, previousHash: current.historyHead)
                next.historyHead = entry.hash
                return (next, entry)
            }
        } catch {
            logger.error(
                "Recording registry verification failed",
                metadata: LoggableError.metadata(error).merging(["dossier": "\(dossier.code)"]) { $1 })
            return dossier
        }
    }

    /// The archived results that take over pending components a database may turn out not to hold; read only
    /// for a dossier with such a component.
    func archiveFallbacks(for dossier: Dossier) async throws -> [String: ArchivedResult] {
        guard let procedure = catalogue.procedure(code: dossier.procedureCode) else { return [:] }
        let pending = Set(dossier.components.filter { $0.state == .pendingVerification }.map(\.code))
        guard procedure.components.contains(where: { pending.contains($0.code) && $0.reusableFrom != nil }) else { return [:] }
        return OnceOnly.fallbacks(for: procedure, archive: try await reusable.valid(of: dossier.applicantID))
            .filter { pending.contains($0.key) }
    }

    /// Dossiers taken per round.
    static let batchSize = 64
    /// Dossiers verified at once: enough to overlap the look-ups' network waits, few enough that a burst of
    /// receipts keeps most of the machine.
    static let concurrency = 8

    /// Above this many receipts a second, rounds shrink to a trickle so that receipts keep the machine; the
    /// backlog is worked off once the burst is over.
    static let burstRate = 100
    static let burstBatchSize = 4
    /// How long a dossier may wait for its look-ups during a burst before it gets a slot anyway, so that a
    /// long peak delays the completion of dossiers but never stops it.
    static let burstPatience: TimeInterval = 30

    /// Runs one round over the due dossiers; returns how many were tried.
    func runDue() async throws -> Int {
        let burst = pressure.rate > Self.burstRate
        let due = try await dossiers.dueVerifications(at: now(), limit: burst ? Self.burstBatchSize : Self.batchSize)
        if burst, let oldest = due.first, now().timeIntervalSince(oldest.nextAttemptAt) < Self.burstPatience {
            // Receipts first: during a burst, look-ups wait (up to `burstPatience`) rather than compete.
            try await Task.sleep(for: .milliseconds(200))
            return 0
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, item) in due.enumerated() {
                if index >= (burst ? 2 : Self.concurrency) { try await group.next() }
                group.addTask {
                    guard let dossier = try await dossiers.find(code: item.dossierCode) else { return }
                    _ = await verify(dossier, caller: caller(for: item, dossier), retry: item.attempts > 0, attempts: item.attempts + 1)
                }
            }
            try await group.waitForAll()
        }
        if burst {
            // At most about 20 dossiers a second while the burst lasts.
            try await Task.sleep(for: .milliseconds(200))
        }
        return due.count
    }

    /// The first round is made for whoever received the dossier (the official, or the platform for a
    /// citizen's online submission); retries are the platform's own.
    func caller(for item: PendingVerification, _ dossier: Dossier) -> RegistryCaller {
        let agencyIdentifier = agencies.agency(id: dossier.receivingAgencyID)?.identifier ?? dossier.receivingAgencyID
        if item.attempts == 0, !item.requestedBy.isEmpty, !item.requestedBy.contains(":") {
            return RegistryCaller(
                actorKind: .official, actorID: item.requestedBy, agencyID: dossier.receivingAgencyID, agencyIdentifier: agencyIdentifier)
        }
        let job = item.requestedBy.hasPrefix("citizen:") && item.attempts == 0 ? "online-submission" : "registry-verifier"
        return .system(job, for: dossier, agencies: agencies)
    }

    /// Waits up to `limit` for the first round on a dossier (for callers that asked to wait), and returns the
    /// dossier as it is then.
    func awaitFirstRound(of dossier: Dossier, limit: Duration) async throws -> Dossier {
        let deadline = ContinuousClock.now + limit
        var current = dossier
        while RegistryVerification.isPending(current), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            if let pending = try await dossiers.pendingVerification(code: dossier.code), pending.attempts > 0 { break }
            current = try await dossiers.find(code: dossier.code) ?? current
        }
        return try await dossiers.find(code: dossier.code) ?? current
    }
}
