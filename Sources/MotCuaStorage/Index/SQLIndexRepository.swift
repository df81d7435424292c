import Foundation
import MotCuaDomain
import SQLKit

/// A dossier behind one count of the index: what explains it, without the applicant.
public struct IndexDossierRow: Sendable, Hashable {
    public let code: String
    public let procedureCode: String
    public let agencyID: String
    public let channel: String
    public let status: Int
    public let receivedAt: Date
    public let dueAt: Date?
    public let endedAt: Date?
    public let supplementRequests: Int
}

/// The index's counts, aggregated in the database with GROUP BY over the dossiers received in a period (the
/// `dossiers_index_received` index), never by loading dossiers. One SQL text for SQLite and PostgreSQL.
public struct SQLIndexRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) { self.store = store }

    /// The counts for the dossiers of the given agencies (nil: the whole province), as one unit.
    public func counts(start: Date, end: Date, now: Date, agencies: [String]?) async throws -> IndexCounts {
        let sql = query(start: start, end: end, now: now, agencies: agencies, grouped: false)
        return try await store.read { database in
            guard let row = try await database.raw(sql).first() else { return IndexCounts() }
            return try Self.counts(row)
        }
    }

    /// The counts of every agency with dossiers in the period, by agency id.
    public func countsByAgency(start: Date, end: Date, now: Date) async throws -> [String: IndexCounts] {
        let sql = query(start: start, end: end, now: now, agencies: nil, grouped: true)
        return try await store.read { database in
            var result: [String: IndexCounts] = [:]
            for row in try await database.raw(sql).all() {
                result[try row.decode(column: "agency_id", as: String.self)] = try Self.counts(row)
            }
            return result
        }
    }

    /// The dossiers an indicator's numerator counts (for 5.4: the overdue ones), a page at a time, in receipt
    /// order, with their total. Nil for an indicator not counted over dossiers.
    public func dossiers(
        behind indicator: String, start: Date, end: Date, now: Date, agencies: [String]?, limit: Int, offset: Int
    ) async throws -> (total: Int, rows: [IndexDossierRow])? {
        guard let condition = IndexPredicates.numerator(of: indicator, nowMilliseconds: HashChain.milliseconds(now)) else { return nil }
        var filter = SQLQueryString("")
        append(where: &filter, start: start, end: end, agencies: agencies)
        filter.appendInterpolation(unsafeRaw: " AND (\(condition))")
        var countSQL = SQLQueryString("SELECT COUNT(*) AS n FROM dossiers d")
        countSQL.appendInterpolation(filter)
        var pageSQL = SQLQueryString(
            """
            SELECT d.code, d.procedure_code, d.agency_id, d.channel, d.status, d.received_at, d.due_at, \
            \(unsafeRaw: IndexPredicates.end) AS ended_at, d.supplement_requests FROM dossiers d
            """)
        pageSQL.appendInterpolation(filter)
        pageSQL.appendInterpolation(unsafeRaw: " ORDER BY d.received_at, d.code LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        let counting = countSQL, paging = pageSQL
        return try await store.read { database in
            let total = try await database.raw(counting).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await database.raw(paging).all().map { row in
                IndexDossierRow(
                    code: try row.decode(column: "code", as: String.self),
                    procedureCode: try row.decode(column: "procedure_code", as: String.self),
                    agencyID: try row.decode(column: "agency_id", as: String.self),
                    channel: try row.decode(column: "channel", as: String.self),
                    status: try row.decode(column: "status", as: Int.self),
                    receivedAt: DossierRow.date(try row.decode(column: "received_at", as: Int.self))!,
                    dueAt: DossierRow.date(try row.decode(column: "due_at", as: Int?.self)),
                    endedAt: DossierRow.date(try row.decode(column: "ended_at", as: Int?.self)),
                    supplementRequests: try row.decode(column: "supplement_requests", as: Int.self))
            }
            return (total, rows)
        }
    }

    private func append(where sql: inout SQLQueryString, start: Date, end: Date, agencies: [String]?) {
        sql.appendInterpolation(unsafeRaw: " WHERE d.received_at >= ")
        sql.appendInterpolation(bind: HashChain.milliseconds(start))
        sql.appendInterpolation(unsafeRaw: " AND d.received_at < ")
        sql.appendInterpolation(bind: HashChain.milliseconds(end))
        sql.appendInterpolation(unsafeRaw: " AND \(IndexPredicates.population)")
        if let agencies {
            // An empty unit matches nothing (never the whole province).
            guard !agencies.isEmpty else { return sql.appendInterpolation(unsafeRaw: " AND 1 = 0") }
            sql.appendInterpolation(unsafeRaw: " AND d.agency_id IN (")
            for (index, agency) in agencies.enumerated() {
                if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
                sql.appendInterpolation(bind: agency)
            }
            sql.appendInterpolation(unsafeRaw: ")")
        }
    }

    private func query(start: Date, end: Date, now: Date, agencies: [String]?, grouped: Bool) -> SQLQueryString {
        let now = HashChain.milliseconds(now)
        let p = IndexPredicates.self
        var sql = SQLQueryString(
            """
            SELECT \(unsafeRaw: grouped ? "d.agency_id AS agency_id, " : "")COUNT(*) AS received, \
            \(unsafeRaw: p.count(p.onTime(nowMilliseconds: now))) AS on_time, \
            \(unsafeRaw: p.count(p.ended)) AS ended, \
            CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: p.ended) THEN COALESCE(d.finished_at, d.returned_at) - d.received_at ELSE 0 END), 0) AS BIGINT) AS ended_ms, \
            \(unsafeRaw: p.count(p.online)) AS online, \
            COUNT(DISTINCT CASE WHEN \(unsafeRaw: p.online) THEN d.procedure_code END) AS online_procedures, \
            \(unsafeRaw: p.count(p.completed)) AS completed, \
            \(unsafeRaw: p.count(p.electronicResult)) AS electronic_results, \
            \(unsafeRaw: p.count(p.digitised)) AS digitised, \
            \(unsafeRaw: p.count(p.reused)) AS reused, \
            \(unsafeRaw: p.count(p.populationData)) AS population_data \
            FROM dossiers d
            """)
        append(where: &sql, start: start, end: end, agencies: agencies)
        if grouped { sql.appendInterpolation(unsafeRaw: " GROUP BY d.agency_id") }
        return sql
    }

    private static func counts(_ row: any SQLRow) throws -> IndexCounts {
        var counts = IndexCounts()
        counts.received = try row.decode(column: "received", as: Int.self)
        counts.onTime = try row.decode(column: "on_time", as: Int.self)
        counts.ended = try row.decode(column: "ended", as: Int.self)
        counts.endedHours = Double(try row.decode(column: "ended_ms", as: Int.self)) / 3_600_000
        counts.online = try row.decode(column: "online", as: Int.self)
        counts.onlineProcedures = try row.decode(column: "online_procedures", as: Int.self)
        counts.completed = try row.decode(column: "completed", as: Int.self)
        counts.electronicResults = try row.decode(column: "electronic_results", as: Int.self)
        counts.digitised = try row.decode(column: "digitised", as: Int.self)
        counts.reused = try row.decode(column: "reused", as: Int.self)
        counts.populationData = try row.decode(column: "population_data", as: Int.self)
        return counts
    }
}

extension SQLIndexRepository {
    /// Every dossier received in the period with the facts the index needs, read with plain selects (no
    /// aggregation and none of `IndexPredicates`' conditions), for the recount that checks the aggregation.
    /// Loads the period's dossiers into memory: for the check command, not for serving.
    public func facts(start: Date, end: Date) async throws -> [DossierIndexFacts] {
        let from = HashChain.milliseconds(start), to = HashChain.milliseconds(end)
        return try await store.read { database in
            let rows = try await database.raw(
                """
                SELECT code, agency_id, procedure_code, channel, status, received_at, due_at, finished_at, returned_at, paused_at, \
                counts_as_late, details FROM dossiers WHERE received_at >= \(bind: from) AND received_at < \(bind: to)
                """
            ).all()
            let codes = try rows.map { try $0.decode(column: "code", as: String.self) }
            var signed = Set<String>(), scanned = Set<String>(), lookedUp = Set<String>()
            // In slices, so the IN lists stay within both engines' limits on bound parameters.
            for slice in stride(from: 0, to: codes.count, by: 500).map({ codes[$0..<min($0 + 500, codes.count)] }) {
                for row in try await database.raw("SELECT dossier_code, state FROM results WHERE dossier_code IN (\(binds: Array(slice)))").all() {
                    guard ["signed", "superseded"].contains(try row.decode(column: "state", as: String.self)) else { continue }
                    signed.insert(try row.decode(column: "dossier_code", as: String.self))
                }
                for row in try await database.raw("SELECT dossier_code FROM digitised_documents WHERE dossier_code IN (\(binds: Array(slice)))").all() {
                    scanned.insert(try row.decode(column: "dossier_code", as: String.self))
                }
                for row in try await database.raw(
                    "SELECT purpose_ref, outcome FROM registry_access_log WHERE purpose_kind = 'dossier' AND purpose_ref IN (\(binds: Array(slice)))"
                ).all() {
                    guard try row.decode(column: "outcome", as: String.self) == "found" else { continue }
                    lookedUp.insert(try row.decode(column: "purpose_ref", as: String.self))
                }
            }
            return try rows.map { row in
                let code = try row.decode(column: "code", as: String.self)
                let details = try JSONDecoder().decode(
                    DossierRow.Details.self, from: Data(try row.decode(column: "details", as: String.self).utf8))
                guard let status = DossierStatus(rawValue: try row.decode(column: "status", as: Int.self)) else {
                    throw IndexFactsError(code: code, reason: "unknown status")
                }
                return DossierIndexFacts(
                    code: code, agencyID: try row.decode(column: "agency_id", as: String.self),
                    procedureCode: try row.decode(column: "procedure_code", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                    status: status, receivedAt: DossierRow.date(try row.decode(column: "received_at", as: Int?.self)),
                    dueAt: DossierRow.date(try row.decode(column: "due_at", as: Int?.self)),
                    finishedAt: DossierRow.date(try row.decode(column: "finished_at", as: Int?.self)),
                    returnedAt: DossierRow.date(try row.decode(column: "returned_at", as: Int?.self)),
                    pausedAt: DossierRow.date(try row.decode(column: "paused_at", as: Int?.self)),
                    countsAsLate: try row.decode(column: "counts_as_late", as: Int.self) != 0,
                    componentStates: details.components.map(\.state), hasSignedResult: signed.contains(code), hasScan: scanned.contains(code),
                    hasRegistryLookUp: lookedUp.contains(code))
            }
        }
    }
}

/// A dossier row the recount cannot read.
public struct IndexFactsError: Error, CustomStringConvertible {
    public let code: String
    public let reason: String
    public var description: String { "dossier \(code): \(reason)" }
}
