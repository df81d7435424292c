import Foundation
import MotCuaDomain
import SQLKit

/// Bulk conversion: a campaign's automatic, ID-linked old-ID conversions become registry update requests.
extension SQLWorklistRepository {
    /// Accepts every open, automatic old-ID conversion of a campaign that its own old ID linked through the
    /// register's crosswalk, and queues one update request per finding in the registry outbox.
    ///
    /// Findings are taken in id order, `chunkSize` at a time, each chunk in one transaction: the findings are
    /// accepted (a decision appended to each one's log) and their requests and first events written, or nothing
    /// is. The request id is derived from the finding's id (``SQLRegistryOutbox/conversionRequestID(findingID:)``),
    /// so a request is never queued twice; and an accepted finding is no longer open, so calling again after an
    /// interruption goes on where the last committed chunk ended. Findings that are not convertible stay open
    /// for a steward.
    ///
    /// - Parameter limit: the most findings to convert in this call (nil: all); `complete` says whether the
    ///   campaign was looked at to its end.
    public func applyConversions(
        campaignID: String, target: ConversionTarget, by actorID: String, limit: Int? = nil, chunkSize: Int = 1_000, at now: Date = Date()
    ) async throws -> ConversionSummary {
        let chunkSize = max(1, min(chunkSize, 5_000))
        guard let campaign = try await campaign(id: campaignID) else { throw WorklistError.campaignNotFound }
        let agencyID = campaign.campaign.agencyID
        var summary = ConversionSummary()
        var cursor = ""
        while true {
            if let limit, summary.queued >= limit { return summary }
            let room = limit.map { min(chunkSize, $0 - summary.queued) } ?? chunkSize
            let after = cursor
            let (selected, queued, last) = try await store.write(lane: "worklist") { database -> (Int, Int, String?) in
                let rows = try await database.raw(
                    """
                    SELECT id, payload FROM findings WHERE campaign_id = \(bind: campaignID) AND status = 'open' \
                    AND kind = 'legacy_id_conversion' AND id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(room))
                    """
                ).all()
                let decoder = JSONDecoder()
                var updates: [String: RegistryUpdate] = [:]
                var last: String?
                for row in rows {
                    let id = try row.decode(column: "id", as: String.self)
                    last = id
                    let payload = try row.decode(column: "payload", as: String.self)
                    guard let candidate = try? decoder.decode(ConversionCandidate.self, from: Data(payload.utf8)),
                        let update = target.update(for: candidate)
                    else { continue }
                    updates[id] = update
                }
                guard !updates.isEmpty else { return (rows.count, 0, last) }
                // Accept only findings still open now: a steward's decision since the read wins.
                var accept = SQLQueryString(
                    """
                    UPDATE findings SET status = 'accepted', correction = NULL, decided_by = \(bind: actorID), \
                    decided_at = \(bind: DossierRow.ms(now)), confirmed_by = NULL, confirmed_at = NULL, version = version + 1 \
                    WHERE status = 'open' AND id IN (
                    """)
                accept.appendBindList(updates.keys.sorted())
                accept.appendInterpolation(unsafeRaw: ") RETURNING id, version")
                let accepted = try await database.raw(accept).all().map {
                    (id: try $0.decode(column: "id", as: String.self), version: try $0.decode(column: "version", as: Int.self))
                }.sorted { $0.id < $1.id }
                let at = DossierRow.ms(now)
                let reason = "Chuyển đổi hàng loạt / bulk conversion (\(target.rawValue))"
                try await database.insertRows(
                    into: "finding_decisions", columns: ["finding_id", "seq", "decision", "reason", "correction", "actor_id", "at"],
                    rows: accepted.map { [$0.id, $0.version - 1, "accepted", reason, String?.none, actorID, at] })
                let requests = try accepted.map { finding -> [any Encodable & Sendable] in
                    let update = updates[finding.id]!
                    return [
                        SQLRegistryOutbox.conversionRequestID(findingID: finding.id).lowercasedText, update.registry.rawValue, update.kind.rawValue,
                        String(decoding: try JSONEncoder().encode(update), as: UTF8.self), "finding", finding.id, agencyID, actorID, "queued", 0,
                        at, at, at,
                    ]
                }
                try await database.insertRows(
                    into: "registry_outbox",
                    columns: [
                        "request_id", "registry", "kind", "payload", "origin_kind", "origin_ref", "agency_id", "requested_by", "state", "attempts",
                        "next_attempt_at", "created_at", "updated_at",
                    ], rows: requests, onConflictDoNothing: true)
                try await database.insertRows(
                    into: "registry_outbox_events", columns: ["request_id", "seq", "state", "attempt", "at", "detail"],
                    rows: accepted.map {
                        [SQLRegistryOutbox.conversionRequestID(findingID: $0.id).lowercasedText, 1, "queued", 0, at, String?.none]
                    }, onConflictDoNothing: true)
                try await SQLRegistryOutbox.recordSubjects(
                    accepted.map { (SQLRegistryOutbox.conversionRequestID(findingID: $0.id), updates[$0.id]!) }, on: database)
                return (rows.count, accepted.count, last)
            }
            summary.examined += selected
            summary.queued += queued
            summary.leftForReview += selected - queued
            if selected > 0 { summary.chunks += 1 }
            guard selected == room, let last else {
                summary.complete = true
                return summary
            }
            cursor = last
        }
    }
}
