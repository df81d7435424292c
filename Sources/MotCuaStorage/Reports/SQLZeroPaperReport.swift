import Foundation
import MotCuaDomain
import SQLKit

/// The zero-paper score's counts, aggregated in SQL over `dossier_components` (and, for results, the dossiers
/// and their signed results).
public struct SQLZeroPaperReport: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    /// Counts per procedure, agency and month for months `from`…`to` (`YYYY-MM`, inclusive), optionally of one
    /// agency and one procedure; ordered by month, agency, procedure.
    public func counts(from: String, to: String, agencyID: String?, procedureCode: String?) async throws -> [ZeroPaperCounts] {
        try await store.read { database in
            var filter = SQLQueryString("month >= \(bind: from) AND month <= \(bind: to)")
            if let agencyID { filter.appendInterpolation(unsafeRaw: " AND agency_id = "); filter.appendInterpolation(bind: agencyID) }
            if let procedureCode { filter.appendInterpolation(unsafeRaw: " AND procedure_code = "); filter.appendInterpolation(bind: procedureCode) }
            let components = try await database.raw(
                """
                SELECT procedure_code, agency_id, month, \
                SUM(CASE WHEN source = 'registry' THEN 1 ELSE 0 END) AS registry, \
                SUM(CASE WHEN source = 'archive' THEN 1 ELSE 0 END) AS archive, \
                SUM(CASE WHEN source = 'eform' THEN 1 ELSE 0 END) AS eform, \
                SUM(CASE WHEN source = 'scan' THEN 1 ELSE 0 END) AS scan, \
                SUM(CASE WHEN source = 'paper' THEN 1 ELSE 0 END) AS paper \
                FROM dossier_components WHERE required = 1 AND \(filter) \
                GROUP BY procedure_code, agency_id, month
                """
            ).all()
            let dossiers = try await database.raw(
                """
                SELECT x.procedure_code, x.agency_id, x.month, COUNT(*) AS dossiers, \
                SUM(CASE WHEN x.paper = 0 THEN 1 ELSE 0 END) AS digitised, \
                SUM(CASE WHEN d.status IN (\(unsafeRaw: Self.resultStatuses)) THEN 1 ELSE 0 END) AS with_result, \
                SUM(CASE WHEN d.status IN (\(unsafeRaw: Self.resultStatuses)) AND EXISTS (\
                SELECT 1 FROM results r WHERE r.dossier_code = d.code AND r.signed_at IS NOT NULL) THEN 1 ELSE 0 END) AS electronic \
                FROM (SELECT dossier_id, procedure_code, agency_id, month, \
                MAX(CASE WHEN source = 'paper' THEN 1 ELSE 0 END) AS paper \
                FROM dossier_components WHERE \(filter) GROUP BY dossier_id, procedure_code, agency_id, month) x \
                JOIN dossiers d ON d.id = x.dossier_id \
                GROUP BY x.procedure_code, x.agency_id, x.month
                """
            ).all()
            var byKey: [String: ZeroPaperCounts] = [:]
            func entry(_ row: any SQLRow) throws -> (String, ZeroPaperCounts) {
                let procedure = try row.decode(column: "procedure_code", as: String.self)
                let agency = try row.decode(column: "agency_id", as: String.self)
                let month = try row.decode(column: "month", as: String.self)
                let key = month + "|" + agency + "|" + procedure
                return (key, byKey[key] ?? ZeroPaperCounts(procedureCode: procedure, agencyID: agency, month: month))
            }
            for row in components {
                var (key, counts) = try entry(row)
                counts.registry = try row.decode(column: "registry", as: Int.self)
                counts.archive = try row.decode(column: "archive", as: Int.self)
                counts.eform = try row.decode(column: "eform", as: Int.self)
                counts.scan = try row.decode(column: "scan", as: Int.self)
                counts.paper = try row.decode(column: "paper", as: Int.self)
                byKey[key] = counts
            }
            for row in dossiers {
                var (key, counts) = try entry(row)
                counts.dossiers = try row.decode(column: "dossiers", as: Int.self)
                counts.digitisedDossiers = try row.decode(column: "digitised", as: Int.self)
                counts.withResult = try row.decode(column: "with_result", as: Int.self)
                counts.electronicResults = try row.decode(column: "electronic", as: Int.self)
                byKey[key] = counts
            }
            return byKey.sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// Statuses of a dossier whose result is decided: done (waiting to be returned) and returned.
    static let resultStatuses = [DossierStatus.done, .returned].map { String($0.rawValue) }.joined(separator: ", ")
}
