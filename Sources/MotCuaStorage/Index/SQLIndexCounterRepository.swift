import Foundation
import MotCuaDomain
import SQLKit

/// The index counts as served: sums over the counter rows of a period's days and agencies (kept by
/// `IndexCounterFeed`), never over dossiers. Same answers as `SQLIndexRepository`'s full aggregation, which
/// `motcua indicators check` proves.
public struct SQLIndexCounterRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) { self.store = store }

    /// The counts for the dossiers of the given agencies (nil: the whole province), as one unit.
    public func counts(start: Date, end: Date, now: Date, agencies: [String]?) async throws -> IndexCounts {
        if let agencies, agencies.isEmpty { return IndexCounts() }
        let queries = Queries(start: start, end: end, now: now, agencies: agencies, grouped: false)
        return try await store.read { database in
            var counts = IndexCounts()
            if let row = try await database.raw(queries.sums).first() { try Self.add(row, to: &counts) }
            counts.onTime += try await database.raw(queries.pending).first()?.decode(column: "n", as: Int.self) ?? 0
            counts.onlineProcedures = try await database.raw(queries.onlineProcedures).first()?.decode(column: "n", as: Int.self) ?? 0
            return counts
        }
    }

    /// The counts of every agency with dossiers in the period, by agency id.
    public func countsByAgency(start: Date, end: Date, now: Date) async throws -> [String: IndexCounts] {
        let queries = Queries(start: start, end: end, now: now, agencies: nil, grouped: true)
        return try await store.read { database in
            var result: [String: IndexCounts] = [:]
            for row in try await database.raw(queries.sums).all() {
                try Self.add(row, to: &result[try row.decode(column: "agency_id", as: String.self), default: IndexCounts()])
            }
            for row in try await database.raw(queries.pending).all() {
                result[try row.decode(column: "agency_id", as: String.self), default: IndexCounts()].onTime += try row.decode(column: "n", as: Int.self)
            }
            for row in try await database.raw(queries.onlineProcedures).all() {
                result[try row.decode(column: "agency_id", as: String.self), default: IndexCounts()].onlineProcedures = try row.decode(column: "n", as: Int.self)
            }
            // Counter rows stay when a withdrawal takes their last dossier away; an agency is listed for its dossiers.
            return result.filter { $0.value.received > 0 }
        }
    }

    /// The three statements of one request.
    struct Queries {
        let sums: SQLQueryString
        let pending: SQLQueryString
        let onlineProcedures: SQLQueryString

        init(start: Date, end: Date, now: Date, agencies: [String]?, grouped: Bool) {
            let first = IndexContribution.day(start), last = IndexContribution.day(end)
            let agencyColumn = grouped ? "agency_id, " : ""
            let group = grouped ? " GROUP BY agency_id" : ""
            func range(_ alias: String) -> SQLQueryString {
                var sql = SQLQueryString(" \(unsafeRaw: alias)day >= \(bind: first) AND \(unsafeRaw: alias)day < \(bind: last)")
                if let agencies {
                    sql.appendInterpolation(unsafeRaw: " AND ")
                    sql.appendInterpolation(inList: "\(alias)agency_id", agencies)
                }
                return sql
            }
            let sums = IndexContribution.counterColumns.map { "CAST(COALESCE(SUM(\($0)), 0) AS BIGINT) AS \($0)" }.joined(separator: ", ")
            var sumsSQL = SQLQueryString("SELECT \(unsafeRaw: agencyColumn)\(unsafeRaw: sums) FROM index_counters WHERE")
            sumsSQL.appendInterpolation(range(""))
            sumsSQL.appendInterpolation(unsafeRaw: group)
            self.sums = sumsSQL
            // Only open dossiers have a pending date (a few weeks of receipts at most, never the years behind
            // them), and the partial index holds only those: this stays small however many dossiers there are.
            var pendingSQL = SQLQueryString(
                "SELECT \(unsafeRaw: agencyColumn)COUNT(*) AS n FROM index_dossier_facts WHERE pending_due_at >= \(bind: HashChain.milliseconds(now)) AND")
            pendingSQL.appendInterpolation(range(""))
            pendingSQL.appendInterpolation(unsafeRaw: group)
            self.pending = pendingSQL
            // One probe of the (agency, procedure, day) key per agency and procedure ever served online.
            var online = SQLQueryString(
                grouped
                    ? "SELECT p.agency_id, COUNT(*) AS n FROM index_online_pairs p WHERE "
                    : "SELECT COUNT(DISTINCT p.procedure_code) AS n FROM index_online_pairs p WHERE ")
            if let agencies {
                online.appendInterpolation(inList: "p.agency_id", agencies)
                online.appendInterpolation(unsafeRaw: " AND ")
            }
            online.appendInterpolation(
                unsafeRaw: "EXISTS (SELECT 1 FROM index_online_days o WHERE o.agency_id = p.agency_id AND o.procedure_code = p.procedure_code AND o.dossiers > 0 AND")
            online.appendInterpolation(range("o."))
            online.appendInterpolation(unsafeRaw: ")")
            if grouped { online.appendInterpolation(unsafeRaw: " GROUP BY p.agency_id") }
            self.onlineProcedures = online
        }
    }

    private static func add(_ row: any SQLRow, to counts: inout IndexCounts) throws {
        func value(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }
        counts.received += try value("received")
        counts.onTime += try value("on_time_settled")
        counts.ended += try value("ended")
        counts.endedHours += Double(try value("ended_ms")) / 3_600_000
        counts.online += try value("online")
        counts.completed += try value("completed")
        counts.electronicResults += try value("electronic_results")
        counts.digitised += try value("digitised")
        counts.reused += try value("reused")
        counts.populationData += try value("population_data")
    }
}
