import Foundation
import MotCuaDomain
import SQLKit

/// What one counted dossier adds to the index counters: its day of receipt and agency, a 0/1 per count (the
/// same `IndexPredicates` as the full aggregation, so both agree by construction), the processing time if ended,
/// and its promised date while being on time still depends on the clock.
struct IndexContribution: Sendable, Equatable {
    struct DayAgency: Hashable { let day: Int64, agency: String }
    struct OnlineDay: Hashable { let agency: String, procedure: String, day: Int64 }

    let agency: String
    let day: Int64
    let procedure: String
    let online: Bool
    /// In the order of `counterColumns`, `received` first (always 1).
    let values: [Int64]
    let pendingDueAt: Int64?

    var dayAgency: DayAgency { DayAgency(day: day, agency: agency) }
    var onlineDay: OnlineDay { OnlineDay(agency: agency, procedure: procedure, day: day) }

    static let counterColumns = [
        "received", "on_time_settled", "ended", "ended_ms", "online", "completed", "electronic_results", "digitised", "reused", "population_data",
    ]
    static let zero = [Int64](repeating: 0, count: counterColumns.count)
    static let storedColumns = ["dossier_id", "agency_id", "day", "procedure_code", "pending_due_at"] + counterColumns.dropFirst()

    /// Milliseconds in a day and Vietnam's offset (UTC+7, no daylight saving).
    static let dayMilliseconds: Int64 = 86_400_000
    static let vietnamOffset: Int64 = 7 * 3_600_000

    /// The Vietnam day (days since 1 January 1970 in UTC+7) of an instant in milliseconds.
    static func day(milliseconds: Int64) -> Int64 {
        let shifted = milliseconds + vietnamOffset
        return shifted >= 0 ? shifted / dayMilliseconds : -((-shifted + dayMilliseconds - 1) / dayMilliseconds)
    }

    static func day(_ date: Date) -> Int64 { day(milliseconds: HashChain.milliseconds(date)) }

    /// The current contribution of dossiers, by the aggregation's conditions; add a WHERE clause.
    static let select: String = {
        let p = IndexPredicates.self
        func flag(_ condition: String) -> String { "CAST(CASE WHEN \(condition) THEN 1 ELSE 0 END AS BIGINT)" }
        return """
            SELECT d.id, d.agency_id, d.procedure_code, d.received_at, \(flag(p.population)) AS counted, \
            \(flag(p.online)) AS online, CASE WHEN \(p.pending) THEN d.due_at END AS pending_due_at, \
            \(flag(p.settledOnTime)) AS on_time_settled, \(flag(p.ended)) AS ended, \
            CAST(CASE WHEN \(p.ended) THEN COALESCE(d.finished_at, d.returned_at) - d.received_at ELSE 0 END AS BIGINT) AS ended_ms, \
            \(flag(p.completed)) AS completed, \(flag(p.electronicResult)) AS electronic_results, \(flag(p.digitised)) AS digitised, \
            \(flag(p.reused)) AS reused, \(flag(p.populationData)) AS population_data FROM dossiers d
            """
    }()

    /// From a row of `select`; nil for a dossier the index does not count.
    init?(row: any SQLRow) throws {
        guard try row.decode(column: "counted", as: Int.self) == 1, let received = try row.decode(column: "received_at", as: Int?.self) else {
            return nil
        }
        agency = try row.decode(column: "agency_id", as: String.self)
        day = Self.day(milliseconds: Int64(received))
        procedure = try row.decode(column: "procedure_code", as: String.self)
        online = try row.decode(column: "online", as: Int.self) == 1
        pendingDueAt = try row.decode(column: "pending_due_at", as: Int?.self).map(Int64.init)
        values = try [1] + Self.counterColumns.dropFirst().map { Int64(try row.decode(column: $0, as: Int.self)) }
    }

    /// From a row of `index_dossier_facts`.
    init(stored row: any SQLRow) throws {
        agency = try row.decode(column: "agency_id", as: String.self)
        day = Int64(try row.decode(column: "day", as: Int.self))
        procedure = try row.decode(column: "procedure_code", as: String.self)
        online = try row.decode(column: "online", as: Int.self) == 1
        pendingDueAt = try row.decode(column: "pending_due_at", as: Int?.self).map(Int64.init)
        values = try [1] + Self.counterColumns.dropFirst().map { Int64(try row.decode(column: $0, as: Int.self)) }
    }

    /// The values for `storedColumns`.
    func stored(id: String) -> [any Encodable & Sendable] {
        [id, agency, day, procedure, pendingDueAt] + values.dropFirst().map { $0 as any Encodable & Sendable }
    }
}
