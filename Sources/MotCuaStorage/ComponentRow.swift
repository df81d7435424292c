import Foundation
import MotCuaDomain
import SQLKit

/// The `dossier_components` table: one row per component of every dossier, with where it came from, beside
/// the dossier's JSON details so that reports aggregate it in SQL. Written in the same transaction as the
/// dossier: inserted with the receipt (one multi-row statement), updated when a component's source changes.
enum ComponentRow {
    static let table = "dossier_components"
    static let columnNames = ["dossier_id", "component_code", "procedure_code", "agency_id", "month", "required", "source"]

    /// The stored source: a `ComponentProvenance`, else `pending`, `missing` or `none` (optional, not supplied).
    static func source(of component: DossierComponent) -> String {
        if let provenance = component.provenance { return provenance.rawValue }
        return switch component.state {
        case .pendingVerification: "pending"
        case .missing: "missing"
        default: "none"
        }
    }

    /// The month (`YYYY-MM`) of an instant in Vietnam time, which has been UTC+7 without daylight saving since 1975.
    /// Plain arithmetic: it runs for every receipt.
    static func month(of instant: Date) -> String {
        let day = LocalDate(daysSinceEpoch: Int(((instant.timeIntervalSince1970 + 7 * 3_600) / 86_400).rounded(.down)))
        let month = day.month < 10 ? "0\(day.month)" : "\(day.month)"
        return "\(day.year)-" + month
    }

    static func insertMany(_ dossiers: some Collection<Dossier>, on database: any SQLDatabase) async throws {
        var rows: [[any Encodable & Sendable]] = []
        for dossier in dossiers {
            let id = dossier.id.lowercasedText
            let month = month(of: dossier.submittedAt)
            for component in dossier.components {
                rows.append([
                    id, component.code, dossier.procedureCode, dossier.agencyID, month, component.required ? 1 : 0, source(of: component),
                ])
            }
        }
        try await database.insertRows(into: table, columns: columnNames, rows: rows)
    }

    /// Updates the rows of the components whose source changed between two versions of a dossier.
    static func sync(from current: Dossier, to next: Dossier, on database: any SQLDatabase) async throws {
        let before = Dictionary(current.components.map { ($0.code, source(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let id = next.id.lowercasedText
        // The whole key: month, agency and procedure never change for a dossier, and the table is clustered on them.
        let month = month(of: next.submittedAt)
        for component in next.components {
            let now = source(of: component)
            guard before[component.code] != now else { continue }
            try await database.raw(
                """
                UPDATE dossier_components SET source = \(bind: now) \
                WHERE month = \(bind: month) AND agency_id = \(bind: next.agencyID) AND procedure_code = \(bind: next.procedureCode) \
                AND dossier_id = \(bind: id) AND component_code = \(bind: component.code)
                """
            ).run()
        }
    }
}
