import Foundation
import MotCuaDomain
import SQLKit

/// What the operations centre reads, province-wide, through existing indexes: open dossiers by agency and
/// status (`dossiers_agency_queue`), receipts and trends by receipt time (`dossiers_index_received`), and the
/// history of finished dossiers by its primary key. One SQL text for SQLite and PostgreSQL.
public struct SQLOperationsRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) { self.store = store }

    static let openStatuses = [DossierStatus.received, .inProcess, .supplementRequested, .paymentRequested].map(\.rawValue)

    /// Every open dossier of the given agencies, with the name of the official handling it and its last event.
    public func openDossiers(agencies: [String]) async throws -> [OpenDossier] {
        guard !agencies.isEmpty else { return [] }
        // Agency and status lists lead the workqueue index, so this reads only open dossiers.
        let sql: SQLQueryString = """
            SELECT d.code, d.agency_id, d.procedure_code, d.status, d.step, d.received_at, d.due_at, d.paused_at, \
            o.full_name AS handler_name, \
            (SELECT MAX(h.at) FROM dossier_history h WHERE h.dossier_id = d.id) AS last_event_at \
            FROM dossiers d LEFT JOIN officials o ON o.id = d.handler_id \
            WHERE d.agency_id IN (\(binds: agencies)) AND d.status IN (\(binds: Self.openStatuses))
            """
        return try await store.read { database in
            try await database.raw(sql).all().compactMap { row in
                let code = try row.decode(column: "code", as: String.self)
                guard let status = DossierStatus(rawValue: try row.decode(column: "status", as: Int.self)),
                    let step = ProcessStep(rawValue: try row.decode(column: "step", as: String.self))
                else { throw IndexFactsError(code: code, reason: "unknown status or step") }
                let received = DossierRow.date(try row.decode(column: "received_at", as: Int?.self))
                let last = DossierRow.date(try row.decode(column: "last_event_at", as: Int?.self)) ?? received
                guard let last else { return nil }
                return OpenDossier(
                    code: code, agencyID: try row.decode(column: "agency_id", as: String.self),
                    procedureCode: try row.decode(column: "procedure_code", as: String.self), status: status, step: step,
                    handlerName: try row.decode(column: "handler_name", as: String?.self), receivedAt: received,
                    dueAt: DossierRow.date(try row.decode(column: "due_at", as: Int?.self)),
                    pausedAt: DossierRow.date(try row.decode(column: "paused_at", as: Int?.self)), lastEventAt: last)
            }
        }
    }

    /// Dossiers received in [start, end), by agency and channel.
    public func received(start: Date, end: Date) async throws -> [String: [Channel: Int]] {
        let sql: SQLQueryString = """
            SELECT d.agency_id, d.channel, COUNT(*) AS n FROM dossiers d \
            WHERE d.received_at >= \(bind: HashChain.milliseconds(start)) AND d.received_at < \(bind: HashChain.milliseconds(end)) \
            GROUP BY d.agency_id, d.channel
            """
        return try await store.read { database in
            var result: [String: [Channel: Int]] = [:]
            for row in try await database.raw(sql).all() {
                guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { continue }
                let agency = try row.decode(column: "agency_id", as: String.self), count = try row.decode(column: "n", as: Int.self)
                result[agency, default: [:]][channel, default: 0] += count
            }
            return result
        }
    }

    /// Per agency and day of receipt (days counted from `start`, which should be a midnight in Vietnam time): the
    /// dossiers counted by the index (received, not withdrawn or refused) and those on time as of `now`, with the
    /// index's own rule.
    public func dailyOnTime(start: Date, days: Int, now: Date) async throws -> [DailyOnTime] {
        let from = HashChain.milliseconds(start)
        let sql: SQLQueryString = """
            SELECT d.agency_id, (d.received_at - \(bind: from)) / 86400000 AS day, COUNT(*) AS received, \
            \(unsafeRaw: IndexPredicates.count(IndexPredicates.onTime(nowMilliseconds: HashChain.milliseconds(now)))) AS on_time \
            FROM dossiers d WHERE d.received_at >= \(bind: from) AND d.received_at < \(bind: from + Int64(days) * 86_400_000) \
            AND \(unsafeRaw: IndexPredicates.population) GROUP BY 1, 2
            """
        return try await store.read { database in
            try await database.raw(sql).all().map { row in
                DailyOnTime(
                    agencyID: try row.decode(column: "agency_id", as: String.self), day: try row.decode(column: "day", as: Int.self),
                    received: try row.decode(column: "received", as: Int.self), onTime: try row.decode(column: "on_time", as: Int.self))
            }
        }
    }

    /// The done or returned dossiers received in [start, end), with their history, for the pace model.
    public func finishedDossiers(receivedFrom start: Date, to end: Date) async throws -> [FinishedDossier] {
        let sql: SQLQueryString = """
            SELECT d.id, d.code, d.agency_id, d.procedure_code, d.due_at, COALESCE(d.finished_at, d.returned_at) AS ended_at, \
            h.at, h.status_after, h.step_after FROM dossiers d JOIN dossier_history h ON h.dossier_id = d.id \
            WHERE d.received_at >= \(bind: HashChain.milliseconds(start)) AND d.received_at < \(bind: HashChain.milliseconds(end)) \
            AND d.status IN (9, 10) AND COALESCE(d.finished_at, d.returned_at) IS NOT NULL ORDER BY d.id, h.seq
            """
        return try await store.read { database in
            var result: [FinishedDossier] = []
            var current: (id: String, code: String, agency: String, procedure: String, due: Date?, end: Date)?
            var events: [FinishedDossier.Event] = []
            func flush() {
                if let c = current {
                    result.append(FinishedDossier(code: c.code, agencyID: c.agency, procedureCode: c.procedure, dueAt: c.due, endedAt: c.end, events: events))
                }
                events = []
            }
            for row in try await database.raw(sql).all() {
                let id = try row.decode(column: "id", as: String.self)
                if current?.id != id {
                    flush()
                    current = (
                        id, try row.decode(column: "code", as: String.self), try row.decode(column: "agency_id", as: String.self),
                        try row.decode(column: "procedure_code", as: String.self), DossierRow.date(try row.decode(column: "due_at", as: Int?.self)),
                        DossierRow.date(try row.decode(column: "ended_at", as: Int.self))!
                    )
                }
                guard let status = DossierStatus(rawValue: try row.decode(column: "status_after", as: Int.self)),
                    let step = ProcessStep(rawValue: try row.decode(column: "step_after", as: String.self))
                else { continue }
                events.append(.init(at: DossierRow.date(try row.decode(column: "at", as: Int.self))!, status: status, step: step))
            }
            flush()
            return result
        }
    }
}

/// One agency's dossiers received on one day and those on time.
public struct DailyOnTime: Sendable, Hashable {
    public let agencyID: String
    /// Days since the start of the window.
    public let day: Int
    public let received: Int
    public let onTime: Int
}
