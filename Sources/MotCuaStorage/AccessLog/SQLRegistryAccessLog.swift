import Foundation
import MotCuaDomain
import SQLKit

/// The append-only log of look-ups at people's national data, for SQLite and PostgreSQL.
///
/// Entries are written before the data is shown to anyone (see the callers): a look-up whose entry cannot be
/// stored is not answered. Concurrent writes from many counters are combined into multi-row inserts.
public struct SQLRegistryAccessLog: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    static let columns =
        "id, at, subject_id, registry, fields, actor_kind, actor_id, agency_id, purpose_kind, purpose_ref, request_id, outcome"
    static let columnNames = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }

    /// Stores entries durably; returns after commit.
    public func record(_ entries: [RegistryAccessEntry]) async throws {
        guard !entries.isEmpty else { return }
        let combiner = WriteCombiner(key: "registry-access", payload: entries) { payloads, database in
            let all = payloads.flatMap { $0 as! [RegistryAccessEntry] }
            try await Self.insert(all[...], on: database)
            return payloads.map { _ in true }
        }
        _ = try await store.write(lane: "registry-access", combiner: combiner) { database in
            try await Self.insert(entries[...], on: database)
            return true
        }
    }

    /// Inserts on a connection already in a transaction (used with other writes of the same unit of work).
    public static func insert(_ entries: ArraySlice<RegistryAccessEntry>, on database: any SQLDatabase) async throws {
        let rows: [[any Encodable & Sendable]] = entries.map { e in
            [
                e.id.lowercasedText, Int(HashChain.milliseconds(e.at)), e.subjectID.value, e.registry?.rawValue ?? RegistryAccessEntry.documentArchive,
                e.fields.joined(separator: ", "), e.actorKind.rawValue, e.actorID, e.agencyID, e.purposeKind.rawValue,
                e.purposeReference, e.requestID.lowercasedText, e.outcome.rawValue,
            ]
        }
        try await database.insertRows(into: "registry_access_log", columns: columnNames, rows: rows)
    }

    /// Entries matching the query, newest first, at most `query.limit` (1–500).
    public func search(_ query: RegistryAccessQuery) async throws -> [RegistryAccessEntry] {
        let limit = query.limit
        return try await store.read { database in
            var sql = SQLQueryString("SELECT \(unsafeRaw: Self.columns) FROM registry_access_log WHERE 1 = 1")
            func filter(_ column: String, _ value: (any Encodable & Sendable)?, _ op: String = "=") {
                guard let value else { return }
                sql.appendInterpolation(unsafeRaw: " AND \(column) \(op) ")
                sql.appendInterpolation(bind: value)
            }
            filter("subject_id", query.subjectID?.value)
            filter("actor_id", query.actorID)
            filter("agency_id", query.agencyID)
            filter("registry", query.documentsOnly ? RegistryAccessEntry.documentArchive : query.registry?.rawValue)
            filter("purpose_ref", query.purposeReference)
            filter("outcome", query.excludeFailed ? RegistryAccessEntry.Outcome.failed.rawValue : nil, "<>")
            filter("at", query.from.map { Int(HashChain.milliseconds($0)) }, ">=")
            filter("at", query.until.map { Int(HashChain.milliseconds($0)) }, "<")
            if let before = query.before {
                sql.appendInterpolation(unsafeRaw: " AND (at < ")
                sql.appendInterpolation(bind: Int(HashChain.milliseconds(before.at)))
                sql.appendInterpolation(unsafeRaw: " OR (at = ")
                sql.appendInterpolation(bind: Int(HashChain.milliseconds(before.at)))
                sql.appendInterpolation(unsafeRaw: " AND id < ")
                sql.appendInterpolation(bind: before.id)
                sql.appendInterpolation(unsafeRaw: "))")
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY at DESC, id DESC LIMIT \(limit)")
            return try await database.raw(sql).all().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> RegistryAccessEntry {
        let source = try row.decode(column: "registry", as: String.self)
        let registry = RegistrySource(rawValue: source)
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
            registry != nil || source == RegistryAccessEntry.documentArchive,
            let actorKind = RegistryAccessEntry.ActorKind(rawValue: try row.decode(column: "actor_kind", as: String.self)),
            let purpose = RegistryAccessEntry.PurposeKind(rawValue: try row.decode(column: "purpose_kind", as: String.self)),
            let requestID = UUID(uuidString: try row.decode(column: "request_id", as: String.self)),
            let outcome = RegistryAccessEntry.Outcome(rawValue: try row.decode(column: "outcome", as: String.self))
        else { throw StoredDataError("registry_access_log row has an unknown id, registry, actor, purpose or outcome") }
        let fields = try row.decode(column: "fields", as: String.self)
        return RegistryAccessEntry(
            id: id, at: Date(timeIntervalSince1970: Double(try row.decode(column: "at", as: Int.self)) / 1000),
            subjectID: try CitizenID(try row.decode(column: "subject_id", as: String.self)), registry: registry,
            fields: fields.isEmpty ? [] : fields.components(separatedBy: ", "), actorKind: actorKind,
            actorID: try row.decode(column: "actor_id", as: String.self), agencyID: try row.decode(column: "agency_id", as: String?.self),
            purposeKind: purpose, purposeReference: try row.decode(column: "purpose_ref", as: String.self), requestID: requestID,
            outcome: outcome)
    }
}
