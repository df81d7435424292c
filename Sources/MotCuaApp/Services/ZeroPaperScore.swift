import Foundation
import MotCuaDomain
import MotCuaStorage

/// The zero-paper score (issue 10, item 5): per procedure, agency and month, how much of what dossiers needed
/// the State fetched itself, how many dossiers were fully digitised, and how many closed with a signed
/// electronic result. Leaders read their own agency; provincial callers the province.
struct ZeroPaperScore: Sendable {
    let reference: ReferenceData
    let report: SQLZeroPaperReport

    /// One row with its shares (nil when the denominator is 0).
    struct Row: Sendable, Hashable {
        let counts: ZeroPaperCounts
        var fetchedShare: Double? { Self.share(counts.fetched, of: counts.fetched + counts.supplied) }
        var digitisationShare: Double? { Self.share(counts.digitisedDossiers, of: counts.dossiers) }
        var electronicResultShare: Double? { Self.share(counts.electronicResults, of: counts.withResult) }

        static func share(_ part: Int, of whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
    }

    /// The rows for months `from`…`to`, narrowed to what the granted scope allows: without `agency`, an
    /// own-agency caller gets their agency and a provincial caller every agency.
    func rows(from: String, to: String, agency: String?, procedure: String?, for principal: Principal, scope: AccessScope) async throws -> [Row] {
        let range = try MonthRange(from: from, to: to)
        if let agency {
            guard reference.agencies.agency(id: agency) != nil else {
                throw ReportQueryError(field: "agency", message: "Không có cơ quan \(agency) / no agency '\(agency)'")
            }
        }
        if let procedure, reference.catalogue.procedure(code: procedure) == nil {
            throw ReportQueryError(field: "procedure", message: "Không có thủ tục mã \(procedure) / no procedure with code '\(procedure)' in the catalogue")
        }
        let agencyID: String?
        if scope >= .province {
            agencyID = agency
        } else {
            guard agency == nil || agency == principal.agencyID else {
                throw ReportQueryError(
                    field: "agency", message: "Chỉ xem được số liệu của cơ quan mình / you may read only your own agency's score", forbidden: true)
            }
            agencyID = principal.agencyID
        }
        return try await report.counts(from: range.from, to: range.to, agencyID: agencyID, procedureCode: procedure).map(Row.init)
    }

    static let csvHeader =
        "month,agency_id,procedure_code,fetched,registry,archive,supplied,eform,scan,paper,fetched_share,dossiers,digitised_dossiers,digitisation_share,with_result,electronic_results,electronic_result_share"

    /// RFC 4180, every cell through `CSVCell` (safe in a spreadsheet); shares with four decimals, empty when undefined.
    static func csv(_ rows: [Row]) -> String {
        func share(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        var lines = [csvHeader]
        for row in rows {
            let c = row.counts
            lines.append(
                [
                    c.month, c.agencyID, c.procedureCode, String(c.fetched), String(c.registry), String(c.archive), String(c.supplied),
                    String(c.eform), String(c.scan), String(c.paper), share(row.fetchedShare), String(c.dossiers), String(c.digitisedDossiers),
                    share(row.digitisationShare), String(c.withResult), String(c.electronicResults), share(row.electronicResultShare),
                ].map(CSVCell.encode).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
