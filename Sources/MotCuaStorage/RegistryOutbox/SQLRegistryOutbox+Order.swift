import Foundation
import MotCuaDomain
import SQLKit

/// Delivery in decision order for updates about the same person, parcel or registration.
///
/// Retries after an outage are jittered, so without this a divorce decided after a marriage could reach the
/// registry first and be refused, or the earlier of two transfers of a parcel be applied last. Each request's
/// subjects (``RegistryUpdate/subjects``) are stored in `registry_outbox_subjects` while it is undelivered. A
/// request queued while an older undelivered one shares a subject is *held*: queued with no due time, so the
/// dispatcher's due scan (an index range, as cheap as before) never sees it. ``releaseHeld(at:)`` makes held
/// requests due once nothing older blocks them; the dispatcher calls it every round.
extension SQLRegistryOutbox {
    /// Stores what each new request changes and holds back those that an older undelivered request shares a
    /// subject with. In the caller's transaction, after the requests' rows.
    static func recordSubjects(_ requests: [(id: UUID, update: RegistryUpdate)], on database: any SQLDatabase) async throws {
        try await database.insertRows(
            into: "registry_outbox_subjects", columns: ["subject", "request_id"],
            rows: requests.flatMap { request in request.update.subjects.map { [$0, request.id.lowercasedText] } },
            onConflictDoNothing: true)
        let ids = requests.map { $0.id.lowercasedText }
        for slice in stride(from: 0, to: ids.count, by: 1_000) {
            var sql = SQLQueryString("UPDATE registry_outbox SET next_attempt_at = NULL WHERE state = 'queued' AND request_id IN (")
            sql.appendBindList(Array(ids[slice..<min(slice + 1_000, ids.count)]))
            sql.appendInterpolation(unsafeRaw: ") AND " + blockedByOlder(on: database))
            try await database.raw(sql).run()
        }
    }

    /// Makes due, at `now`, every held request that no older undelivered request blocks any more (the one it
    /// waited for was accepted or refused). Returns how many were released.
    @discardableResult
    public func releaseHeld(at now: Date) async throws -> Int {
        // Usually nothing is held: an index probe, and no write transaction every round.
        let anyHeld = try await store.read { database in
            try await database.raw("SELECT request_id FROM registry_outbox WHERE state = 'queued' AND next_attempt_at IS NULL LIMIT 1").first()
        }
        guard anyHeld != nil else { return 0 }
        return try await store.write(lane: Self.lane) { database in
            let at = DossierRow.ms(now)
            return try await database.raw(
                """
                UPDATE registry_outbox SET next_attempt_at = \(bind: at), updated_at = \(bind: at) \
                WHERE state = 'queued' AND next_attempt_at IS NULL AND NOT \(unsafeRaw: Self.blockedByOlder(on: database)) \
                RETURNING request_id
                """
            ).all().count
        }
    }

    /// SQL that is true when an older request still queued or sent shares a subject with the `registry_outbox`
    /// row being updated. Older is queued earlier: SQLite's rowid grows with each insert (VACUUM renumbers in
    /// the same order); PostgreSQL has the identity column `queue_position` (migration 2026-12-03-010).
    static func blockedByOlder(on database: any SQLDatabase) -> String {
        let position = database.dialect.name == "sqlite" ? "rowid" : "queue_position"
        return """
            EXISTS (SELECT 1 FROM registry_outbox_subjects mine \
            JOIN registry_outbox_subjects other ON other.subject = mine.subject AND other.request_id <> mine.request_id \
            JOIN registry_outbox earlier ON earlier.request_id = other.request_id AND earlier.state IN ('queued', 'sent') \
            WHERE mine.request_id = registry_outbox.request_id AND earlier.\(position) < registry_outbox.\(position))
            """
    }
}
