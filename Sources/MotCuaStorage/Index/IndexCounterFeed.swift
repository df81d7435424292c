import Foundation
import MotCuaDomain
import SQLKit
import Synchronization

/// Keeps the index counters (`index_counters`, migration 951) up to date by tailing, in order from a stored
/// high-water mark, the tables whose rows move an indicator: the dossier history (receipts, transitions,
/// supplements, pauses, results signed, revoked or corrected: each writes a history entry with its change), the
/// digitised documents and the registry look-ups. Each batch recomputes the touched dossiers' contributions from
/// their current rows with the same `IndexPredicates` the full aggregation uses, replaces what they added before,
/// and commits the counters, the per-dossier contributions and the marks in one transaction of its own: a crash
/// loses nothing and counts nothing twice, and running a batch again changes nothing (idempotent). The receipt
/// transaction is not touched; the feed only reads what it committed.
public final class IndexCounterFeed: Sendable {
    let store: any SQLStore
    /// Rows read per table and batch.
    public let batchSize: Int
    /// PostgreSQL identity values are taken before commit, so a later value can commit first and leave a gap
    /// for a while; a rolled-back write leaves it for good. The mark stops before a gap until it fills or has
    /// been open `gapPatience` seconds (far longer than any write transaction). Rows after a gap are applied
    /// meanwhile (recomputing a dossier twice is harmless), so figures are not held back.
    private let gaps = Mutex<[String: (position: Int64, since: Date)]>([:])
    static let gapPatience: TimeInterval = 10

    public init(store: any SQLStore, batchSize: Int = 2_000) {
        self.store = store
        self.batchSize = batchSize
    }

    /// A tailed table: its rows name a dossier by id (history) or by code.
    struct Source: Sendable {
        let table: String
        let reference: String
        let byCode: Bool
    }

    static let sources = [
        Source(table: "dossier_history", reference: "dossier_id", byCode: false),
        Source(table: "digitised_documents", reference: "dossier_code", byCode: true),
        Source(table: "registry_access_log", reference: "CASE WHEN purpose_kind = 'dossier' THEN purpose_ref END", byCode: true),
    ]

    /// Applies one batch; returns the most rows read from one table (a full batch means more may be waiting).
    @discardableResult
    public func advance() async throws -> Int {
        let kind = store.kind, batchSize = batchSize
        let position = kind == .sqlite ? "rowid" : "feed_position"
        return try await store.write(lane: "index-counters") { database in
            // Two feeds (the server and `indicators check`) must not apply the same rows concurrently. SQLite
            // has one writer; PostgreSQL takes a transaction-scoped lock.
            if kind == .postgres { try await database.raw("SELECT pg_advisory_xact_lock(766)").run() }
            var marks: [String: Int64] = [:]
            for row in try await database.raw("SELECT source, position FROM index_feed_marks").all() {
                marks[try row.decode(column: "source", as: String.self)] = Int64(try row.decode(column: "position", as: Int.self))
            }
            var ids = Set<String>(), codes = Set<String>(), mostRead = 0
            var newMarks: [String: Int64] = [:]
            for source in Self.sources {
                let mark = marks[source.table] ?? 0
                let rows = try await database.raw(
                    """
                    SELECT \(unsafeRaw: position) AS position, \(unsafeRaw: source.reference) AS reference FROM \(unsafeRaw: source.table) \
                    WHERE \(unsafeRaw: position) > \(bind: mark) ORDER BY \(unsafeRaw: position) LIMIT \(unsafeRaw: String(batchSize))
                    """
                ).all()
                mostRead = max(mostRead, rows.count)
                var positions: [Int64] = []
                for row in rows {
                    positions.append(Int64(try row.decode(column: "position", as: Int.self)))
                    guard let reference = try row.decode(column: "reference", as: String?.self) else { continue }
                    if source.byCode { codes.insert(reference) } else { ids.insert(reference) }
                }
                let advanced = self.nextMark(source.table, from: mark, over: positions)
                if advanced != mark { newMarks[source.table] = advanced }
            }
            guard !ids.isEmpty || !codes.isEmpty || !newMarks.isEmpty else { return mostRead }
            try await Self.recount(ids: ids, codes: codes, on: database)
            for (source, mark) in newMarks {
                try await database.raw("UPDATE index_feed_marks SET position = \(bind: mark) WHERE source = \(bind: source)").run()
            }
            return mostRead
        }
    }

    /// Applies batches until every table is read to its end.
    public func catchUp() async throws {
        while try await advance() == batchSize {}
    }

    /// The new mark: the last position reached without a gap, or across a gap older than `gapPatience`.
    private func nextMark(_ source: String, from mark: Int64, over positions: [Int64]) -> Int64 {
        gaps.withLock { gaps in
            var mark = mark
            for position in positions {
                if position == mark + 1 {
                    mark = position
                    continue
                }
                let now = Date()
                if let gap = gaps[source], gap.position == mark + 1, now.timeIntervalSince(gap.since) > Self.gapPatience {
                    mark = position
                    continue
                }
                if gaps[source]?.position != mark + 1 { gaps[source] = (mark + 1, now) }
                return mark
            }
            gaps[source] = nil
            return mark
        }
    }

    /// Recomputes the contributions of the dossiers with these ids or codes and moves the counters by the
    /// difference with what they contributed before.
    static func recount(ids: Set<String>, codes: Set<String>, on database: any SQLDatabase) async throws {
        var current: [String: IndexContribution] = [:]
        var touched = ids
        let idList = Array(ids), codeList = Array(codes)
        // In slices, so the IN lists stay within both engines' limits on bound parameters.
        for slice in stride(from: 0, to: max(idList.count, codeList.count), by: 5_000) {
            let someIDs = Array(idList[min(slice, idList.count)..<min(slice + 5_000, idList.count)])
            let someCodes = Array(codeList[min(slice, codeList.count)..<min(slice + 5_000, codeList.count)])
            var sql = SQLQueryString(IndexContribution.select)
            sql.appendInterpolation(unsafeRaw: " WHERE ")
            sql.appendInterpolation(inList: "d.id", someIDs)
            sql.appendInterpolation(unsafeRaw: " OR ")
            sql.appendInterpolation(inList: "d.code", someCodes)
            for row in try await database.raw(sql).all() {
                let id = try row.decode(column: "id", as: String.self)
                touched.insert(id)
                if let contribution = try IndexContribution(row: row) { current[id] = contribution }
            }
        }
        var previous: [String: IndexContribution] = [:]
        let touchedList = Array(touched)
        for slice in stride(from: 0, to: touchedList.count, by: 5_000) {
            var sql = SQLQueryString("SELECT * FROM index_dossier_facts WHERE ")
            sql.appendInterpolation(inList: "dossier_id", Array(touchedList[slice..<min(slice + 5_000, touchedList.count)]))
            for row in try await database.raw(sql).all() {
                previous[try row.decode(column: "dossier_id", as: String.self)] = try IndexContribution(stored: row)
            }
        }
        var counters: [IndexContribution.DayAgency: [Int64]] = [:]
        var online: [IndexContribution.OnlineDay: Int64] = [:]
        for id in touched where previous[id] != current[id] {
            if let old = previous[id] {
                counters[old.dayAgency, default: IndexContribution.zero] = zip(counters[old.dayAgency] ?? IndexContribution.zero, old.values).map(-)
                if old.online { online[old.onlineDay, default: 0] -= 1 }
            }
            if let new = current[id] {
                counters[new.dayAgency, default: IndexContribution.zero] = zip(counters[new.dayAgency] ?? IndexContribution.zero, new.values).map(+)
                if new.online { online[new.onlineDay, default: 0] += 1 }
            }
        }
        let changedCounters = counters.filter { $0.value.contains { $0 != 0 } }
        try await upsertCounters(changedCounters, on: database)
        try await upsertOnline(online.filter { $0.value != 0 }, on: database)
        let replaced = touched.filter { previous[$0] != current[$0] }.sorted()
        for slice in stride(from: 0, to: replaced.count, by: 5_000) {
            var sql = SQLQueryString("DELETE FROM index_dossier_facts WHERE ")
            sql.appendInterpolation(inList: "dossier_id", Array(replaced[slice..<min(slice + 5_000, replaced.count)]))
            try await database.raw(sql).run()
        }
        try await database.insertRows(
            into: "index_dossier_facts", columns: IndexContribution.storedColumns,
            rows: replaced.compactMap { id in current[id].map { $0.stored(id: id) } })
    }

    private static func upsertCounters(_ deltas: [IndexContribution.DayAgency: [Int64]], on database: any SQLDatabase) async throws {
        let columns = IndexContribution.counterColumns
        let rows = Array(deltas)
        for slice in stride(from: 0, to: rows.count, by: 1_000) {
            var sql = SQLQueryString("INSERT INTO index_counters (day, agency_id, \(unsafeRaw: columns.joined(separator: ", "))) VALUES ")
            for (index, (key, values)) in rows[slice..<min(slice + 1_000, rows.count)].enumerated() {
                sql.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
                sql.appendInterpolation(bind: key.day)
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: key.agency)
                for value in values {
                    sql.appendInterpolation(unsafeRaw: ", ")
                    sql.appendInterpolation(bind: value)
                }
                sql.appendInterpolation(unsafeRaw: ")")
            }
            let updates = columns.map { "\($0) = index_counters.\($0) + excluded.\($0)" }.joined(separator: ", ")
            sql.appendInterpolation(unsafeRaw: " ON CONFLICT (day, agency_id) DO UPDATE SET \(updates)")
            try await database.raw(sql).run()
        }
    }

    private static func upsertOnline(_ deltas: [IndexContribution.OnlineDay: Int64], on database: any SQLDatabase) async throws {
        let rows = Array(deltas)
        for slice in stride(from: 0, to: rows.count, by: 1_000) {
            let chunk = rows[slice..<min(slice + 1_000, rows.count)]
            var sql = SQLQueryString("INSERT INTO index_online_days (agency_id, procedure_code, day, dossiers) VALUES ")
            for (index, (key, value)) in chunk.enumerated() {
                sql.appendInterpolation(unsafeRaw: index == 0 ? "(" : ", (")
                sql.appendInterpolation(bind: key.agency)
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: key.procedure)
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: key.day)
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(bind: value)
                sql.appendInterpolation(unsafeRaw: ")")
            }
            sql.appendInterpolation(
                unsafeRaw: " ON CONFLICT (agency_id, procedure_code, day) DO UPDATE SET dossiers = index_online_days.dossiers + excluded.dossiers")
            try await database.raw(sql).run()
            let pairs = Set(chunk.filter { $0.value > 0 }.map { [$0.key.agency, $0.key.procedure] })
            try await database.insertRows(
                into: "index_online_pairs", columns: ["agency_id", "procedure_code"], rows: pairs.map { $0 as [any Encodable & Sendable] },
                onConflictDoNothing: true)
        }
    }
}

extension SQLQueryString {
    /// `column IN (…)` with every value bound; `1 = 0` for no values.
    mutating func appendInterpolation(inList column: String, _ values: [String]) {
        guard !values.isEmpty else { return appendInterpolation(unsafeRaw: "1 = 0") }
        appendInterpolation(unsafeRaw: "\(column) IN (")
        for (index, value) in values.enumerated() {
            if index > 0 { appendInterpolation(unsafeRaw: ", ") }
            appendInterpolation(bind: value)
        }
        appendInterpolation(unsafeRaw: ")")
    }
}
