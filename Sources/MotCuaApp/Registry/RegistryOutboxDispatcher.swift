import Foundation
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage
import ServiceLifecycle

/// Delivers the registry outbox (two-way sharing): sends each due update request through the national
/// registry connector and records what became of it. Several requests are in flight at once, never two
/// about the same person, parcel or registration: those go in the order they were decided.
///
/// - The registry applied it → `accepted` with its reference. The registry's rules refused it (a 4xx with a
///   reason) → `refused` with that reason, never sent again.
/// - No answer (a timeout, a connection failure, a 5xx or 429, an open circuit breaker, an answer that does not
///   decode) → queued again after an exponential, jittered delay (``RegistryOutboxSchedule``), for as long as
///   the outage lasts: nothing is dropped.
/// - A request is marked `sent` before it goes out, with a lease. If the process stops before the answer is
///   recorded, the request is due again when the lease passes and is sent with the same request id, which the
///   registry answers with its original answer: the update is applied once.
///
/// Started by the composition root, stopped with the application.
struct RegistryOutboxDispatcher: Service {
    let outbox: SQLRegistryOutbox
    let client: any NationalRegistryClient
    let agencies: AgencyDirectory
    let schedule: RegistryOutboxSchedule
    let readiness: SchemaReadiness
    let now: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // Drain while full batches come back, then wait for the next round.
                    while readiness.isReady, try await dispatchDue() == schedule.batchSize, !Task.isCancelled {}
                } catch {
                    logger.warning("Registry outbox round failed; the next round retries", metadata: LoggableError.metadata(error))
                }
                try? await Task.sleep(for: schedule.pollInterval)
            }
        }
    }

    /// Releases the requests whose turn has come (the older update about the same subject was answered), then
    /// sends every request due now, `schedule.concurrency` at a time; returns how many were due. The due requests
    /// never share a subject (held ones are not due), so sending them together keeps each person's and parcel's
    /// updates in decision order.
    @discardableResult
    func dispatchDue() async throws -> Int {
        try await outbox.releaseHeld(at: now())
        let due = try await outbox.due(at: now(), limit: schedule.batchSize)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = due[...]
            for _ in 0..<max(1, schedule.concurrency) {
                guard let request = pending.popFirst() else { break }
                group.addTask { try await deliver(request) }
            }
            while try await group.next() != nil {
                guard !Task.isCancelled, let request = pending.popFirst() else { continue }
                group.addTask { try await deliver(request) }
            }
        }
        return due.count
    }

    /// One attempt at one request.
    func deliver(_ request: RegistryUpdateRequest) async throws {
        let started = now()
        guard let claimed = try await outbox.claim(request, at: started, leaseUntil: started.addingTimeInterval(schedule.lease)) else { return }
        let attempt = claimed.attempts
        // Request ids, registries and states only: the payload holds citizen IDs.
        let metadata: Logger.Metadata = [
            "request": "\(claimed.requestID.lowercasedText)", "registry": "\(claimed.registry.rawValue)", "attempt": "\(attempt)",
        ]
        let outcome: Result<RegistryUpdateReceipt, RegistryClientError>
        do { outcome = .success(try await client.submit(claimed.update, context: context(claimed))) } catch { outcome = .failure(error) }
        switch outcome {
        case .success(let receipt):
            try await outbox.recordAccepted(claimed.requestID, attempt: attempt, reference: receipt.reference, message: receipt.message, at: now())
            logger.info("Registry update accepted", metadata: metadata)
        case .failure(.rejected(_, _, let message)):
            try await outbox.recordRefused(claimed.requestID, attempt: attempt, reason: message, at: now())
            logger.notice("Registry update refused", metadata: metadata)
        case .failure(let error):
            var generator = SystemRandomNumberGenerator()
            let retryAt = now().addingTimeInterval(schedule.delay(afterAttempt: attempt, using: &generator))
            try await outbox.recordFailure(claimed.requestID, attempt: attempt, error: error.description, retryAt: retryAt, at: now())
            logger.warning("Registry update not delivered; will retry", metadata: metadata.merging(["reason": "\(error.description)"]) { $1 })
        }
    }

    /// The X-Road metadata: the agency on whose behalf the change is sent (the provincial service centre when
    /// none is recorded), the official whose decision caused it, and the request id the registry deduplicates by.
    func context(_ request: RegistryUpdateRequest) -> RegistryCallContext {
        let identifier =
            request.agencyID.map { agencies.agency(id: $0)?.identifier ?? $0 }
            ?? agencies.agencies.first { $0.kind == .serviceCentre }?.identifier ?? "MOTCUA"
        let purpose: RegistryCallContext.Purpose =
            switch request.origin {
            case .dossier(let code): .dossier(code: code)
            case .finding(let id): .bulkJob(id: "finding:" + id)
            }
        return RegistryCallContext(agencyIdentifier: identifier, userID: request.requestedBy, purpose: purpose, requestID: request.requestID)
    }
}
