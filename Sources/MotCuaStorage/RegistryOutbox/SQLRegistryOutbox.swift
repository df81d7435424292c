import Foundation
import MotCuaDomain
import SQLKit

/// The outbox of update requests to the national registries, for SQLite and PostgreSQL.
///
/// A request is written by ``enqueue(_:origin:agencyID:requestedBy:at:on:)`` inside the transaction of the
/// decision that causes it, so there is never a decision without its request nor a request without its
/// decision. The dispatcher then moves it through ``claim(_:at:leaseUntil:)`` (queued → sent) and one of
/// ``recordAccepted(_:attempt:reference:message:at:)``, ``recordRefused(_:attempt:reason:at:)`` or
/// ``recordFailure(_:attempt:error:retryAt:at:)``; each change is appended to `registry_outbox_events`.
public struct SQLRegistryOutbox: Sendable {
    let store: any SQLStore
    static let lane = "registry-outbox"

    public init(store: any SQLStore) {
        self.store = store
    }

    /// Writes a queued request on `database`, inside the caller's transaction, due at once.
    @discardableResult
    public static func enqueue(
        _ update: RegistryUpdate, origin: RegistryUpdateOrigin, agencyID: String?, requestedBy: String, at now: Date,
        on database: any SQLDatabase
    ) async throws -> UUID {
        let requestID = UUID()
        let payload = String(decoding: try JSONEncoder().encode(update), as: UTF8.self)
        let at = DossierRow.ms(now)
        try await database.raw(
            """
            INSERT INTO registry_outbox (request_id, registry, kind, payload, origin_kind, origin_ref, agency_id, requested_by, state, \
            attempts, next_attempt_at, created_at, updated_at) VALUES (\(bind: requestID.lowercasedText), \(bind: update.registry.rawValue), \
            \(bind: update.kind.rawValue), \(bind: payload), \(bind: origin.kind), \(bind: origin.reference), \(bind: agencyID), \
            \(bind: requestedBy), 'queued', 0, \(bind: at), \(bind: at), \(bind: at))
            """
        ).run()
        try await appendEvent(requestID, state: .queued, attempt: 0, at: now, detail: nil, on: database)
        try await recordSubjects([(requestID, update)], on: database)
        return requestID
    }

    /// Writes a queued request in a transaction of its own.
    @discardableResult
    public func enqueue(
        _ update: RegistryUpdate, origin: RegistryUpdateOrigin, agencyID: String?, requestedBy: String, at now: Date
    ) async throws -> UUID {
        try await store.write(lane: Self.lane) { database in
            try await Self.enqueue(update, origin: origin, agencyID: agencyID, requestedBy: requestedBy, at: now, on: database)
        }
    }

    // MARK: - Dispatching

    /// Requests due at `now`: queued ones whose next attempt has come, and sent ones whose answer was never
    /// recorded (the process stopped mid-send) once their lease has passed. Oldest due first. Requests held
    /// behind an older one about the same subject have no due time (``releaseHeld(at:)``), so no two returned
    /// requests share a subject and they may be sent at the same time.
    public func due(at now: Date, limit: Int) async throws -> [RegistryUpdateRequest] {
        let limit = max(1, min(limit, 500))
        return try await store.read { database in
            // One range of the (state, next_attempt_at) index per state, read in order and cut at the limit: a
            // single query over both states sorted every due row, half a second per round with a million queued.
            var due: [RegistryUpdateRequest] = []
            for state in [RegistryUpdateState.queued, .sent] {
                due += try await database.raw(
                    """
                    SELECT * FROM registry_outbox WHERE state = \(bind: state.rawValue) AND next_attempt_at <= \(bind: DossierRow.ms(now)) \
                    ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit))
                    """
                ).all().map(Self.request)
            }
            return Array(due.sorted { $0.nextAttemptAt ?? now < $1.nextAttemptAt ?? now }.prefix(limit))
        }
    }

    /// Marks a due request as being sent (attempt + 1), with a lease after which an unrecorded send is due
    /// again. Returns the claimed request, or nil when another dispatcher claimed it or it is no longer due.
    public func claim(_ request: RegistryUpdateRequest, at now: Date, leaseUntil: Date) async throws -> RegistryUpdateRequest? {
        try await store.write(lane: Self.lane) { database in
            let attempt = request.attempts + 1
            guard
                let row = try await database.raw(
                    """
                    UPDATE registry_outbox SET state = 'sent', attempts = \(bind: attempt), next_attempt_at = \(bind: DossierRow.ms(leaseUntil)), \
                    updated_at = \(bind: DossierRow.ms(now)) WHERE request_id = \(bind: request.requestID.lowercasedText) \
                    AND attempts = \(bind: request.attempts) AND state IN ('queued', 'sent') AND next_attempt_at <= \(bind: DossierRow.ms(now)) \
                    RETURNING *
                    """
                ).first()
            else { return nil }
            try await Self.appendEvent(request.requestID, state: .sent, attempt: attempt, at: now, detail: nil, on: database)
            return try Self.request(row)
        }
    }

    /// The registry applied the update.
    public func recordAccepted(_ requestID: UUID, attempt: Int, reference: String?, message: String, at now: Date) async throws {
        try await finish(requestID, attempt: attempt, state: .accepted, reference: reference, message: message, at: now)
    }

    /// The registry's rules refused the update: final, with its reason.
    public func recordRefused(_ requestID: UUID, attempt: Int, reason: String, at now: Date) async throws {
        try await finish(requestID, attempt: attempt, state: .refused, reference: nil, message: reason, at: now)
    }

    /// The attempt got no answer (an outage, an open circuit): queued again for `retryAt`.
    public func recordFailure(_ requestID: UUID, attempt: Int, error: String, retryAt: Date, at now: Date) async throws {
        try await store.write(lane: Self.lane) { database in
            let updated = try await database.raw(
                """
                UPDATE registry_outbox SET state = 'queued', next_attempt_at = \(bind: DossierRow.ms(retryAt)), last_error = \(bind: error), \
                updated_at = \(bind: DossierRow.ms(now)) WHERE request_id = \(bind: requestID.lowercasedText) AND state = 'sent' \
                AND attempts = \(bind: attempt) RETURNING request_id
                """
            ).first()
            // A stale attempt (its lease passed and a later attempt took over) records nothing.
            guard updated != nil else { return }
            try await Self.appendEvent(requestID, state: .queued, attempt: attempt, at: now, detail: error, on: database)
        }
    }

    private func finish(
        _ requestID: UUID, attempt: Int, state: RegistryUpdateState, reference: String?, message: String, at now: Date
    ) async throws {
        try await store.write(lane: Self.lane) { database in
            // Any unfinished attempt may record the final answer: the registry gives every copy of a request
            // the same one.
            let updated = try await database.raw(
                """
                UPDATE registry_outbox SET state = \(bind: state.rawValue), next_attempt_at = NULL, reference = \(bind: reference), \
                message = \(bind: message), last_error = NULL, updated_at = \(bind: DossierRow.ms(now)) \
                WHERE request_id = \(bind: requestID.lowercasedText) AND state IN ('queued', 'sent') RETURNING request_id
                """
            ).first()
            guard updated != nil else { return }
            try await Self.appendEvent(requestID, state: state, attempt: attempt, at: now, detail: message, on: database)
            // Delivered (or finally refused): its keys go, and the next ``releaseHeld(at:)`` lets the requests
            // held behind it go. (Keys of finished requests never hold anything back anyway.)
            try await database.raw("DELETE FROM registry_outbox_subjects WHERE request_id = \(bind: requestID.lowercasedText)").run()
        }
    }

    // MARK: - Reading

    public func request(_ requestID: UUID) async throws -> RegistryUpdateRequest? {
        try await store.read { database in
            try await database.raw("SELECT * FROM registry_outbox WHERE request_id = \(bind: requestID.lowercasedText)").first().map(Self.request)
        }
    }

    /// The requests caused by each of these findings or dossiers, oldest first, keyed by finding id or dossier code.
    public func requests(originKind: String, references: [String]) async throws -> [String: [RegistryUpdateRequest]] {
        guard !references.isEmpty else { return [:] }
        return try await store.read { database in
            var sql = SQLQueryString("SELECT * FROM registry_outbox WHERE origin_kind = \(bind: originKind) AND origin_ref IN (")
            sql.appendBindList(references)
            sql.appendInterpolation(unsafeRaw: ") ORDER BY created_at, request_id")
            return Dictionary(grouping: try await database.raw(sql).all().map(Self.request), by: \.origin.reference)
        }
    }

    /// A request's state changes, in order.
    public func events(_ requestID: UUID) async throws -> [RegistryUpdateEvent] {
        try await store.read { database in
            try await database.raw(
                "SELECT * FROM registry_outbox_events WHERE request_id = \(bind: requestID.lowercasedText) ORDER BY seq"
            ).all().map { row in
                guard let state = RegistryUpdateState(rawValue: try row.decode(column: "state", as: String.self)) else {
                    throw StoredDataError("registry_outbox_events row has an unknown state")
                }
                return RegistryUpdateEvent(
                    sequence: try row.decode(column: "seq", as: Int.self), state: state, attempt: try row.decode(column: "attempt", as: Int.self),
                    at: DossierRow.date(try row.decode(column: "at", as: Int.self))!, detail: try row.decode(column: "detail", as: String?.self))
            }
        }
    }

    // MARK: - Rows

    static func appendEvent(
        _ requestID: UUID, state: RegistryUpdateState, attempt: Int, at now: Date, detail: String?, on database: any SQLDatabase
    ) async throws {
        let id = requestID.lowercasedText
        try await database.raw(
            """
            INSERT INTO registry_outbox_events (request_id, seq, state, attempt, at, detail) SELECT \(bind: id), \
            COALESCE(MAX(seq), 0) + 1, \(bind: state.rawValue), \(bind: attempt), \(bind: DossierRow.ms(now)), \(bind: detail) \
            FROM registry_outbox_events WHERE request_id = \(bind: id)
            """
        ).run()
    }

    static func request(_ row: any SQLRow) throws -> RegistryUpdateRequest {
        guard let state = RegistryUpdateState(rawValue: try row.decode(column: "state", as: String.self)),
            let requestID = UUID(uuidString: try row.decode(column: "request_id", as: String.self))
        else { throw StoredDataError("registry_outbox row has an unknown state or request id") }
        let update = try JSONDecoder().decode(RegistryUpdate.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
        let reference = try row.decode(column: "origin_ref", as: String.self)
        let origin: RegistryUpdateOrigin =
            try row.decode(column: "origin_kind", as: String.self) == "dossier" ? .dossier(code: reference) : .finding(id: reference)
        return RegistryUpdateRequest(
            requestID: requestID, update: update, origin: origin, agencyID: try row.decode(column: "agency_id", as: String?.self),
            requestedBy: try row.decode(column: "requested_by", as: String.self), state: state,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: DossierRow.date(try row.decode(column: "next_attempt_at", as: Int?.self)),
            createdAt: DossierRow.date(try row.decode(column: "created_at", as: Int.self))!,
            updatedAt: DossierRow.date(try row.decode(column: "updated_at", as: Int.self))!,
            reference: try row.decode(column: "reference", as: String?.self), message: try row.decode(column: "message", as: String?.self),
            lastError: try row.decode(column: "last_error", as: String?.self))
    }
}
