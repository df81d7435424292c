import Foundation
import MotCuaDomain
import MotCuaStorage

/// The month's Decision 766 report for the province (with every unit that received dossiers) or one agency:
/// the scores with their indicators, on time and late per unit, and the late dossiers (codes, no applicant).
struct MonthlyReport: Sendable {
    enum Table: String, CaseIterable {
        case indicators, units, overdue
    }

    let period: IndexPeriod
    let total: IndexService.Report
    let units: [IndexService.Report]
    /// The dossiers of the month not on time (indicator 5.4's overdue count), in receipt order.
    let late: [IndexDossierRow]
    let printedAt: Date
    let agencies: [String: Agency]

    func csv(_ table: Table) -> String {
        switch table {
        case .indicators:
            return OperationsCSV.lines(
                [["unit", "group", "indicator", "name", "state", "numerator", "denominator", "rate", "points", "weight", "weight_verified"]]
                    + total.score.groups.flatMap { group in
                        group.indicators.map { score in
                            [
                                total.unit.nameVi, group.group.id, score.indicator.id, score.indicator.nameVi, score.state.rawValue,
                                score.numerator.map(String.init) ?? "", score.denominator.map(String.init) ?? "", score.rate.map { String($0) } ?? "",
                                score.points.map { String($0) } ?? "", String(score.indicator.weight), score.indicator.weightVerified ? "yes" : "no",
                            ]
                        }
                    })
        case .units:
            return OperationsCSV.lines(
                [["month", "agency_id", "agency", "kind", "received", "on_time", "late", "on_time_rate", "points", "scored_max_points"]]
                    + units.map { report in
                        let agency: Agency? = if case .agency(let agency) = report.unit { agency } else { nil }
                        return [
                            period.label, agency?.id ?? "", report.unit.nameVi, agency?.kind.rawValue ?? report.unit.kind, String(report.counts.received),
                            String(report.counts.onTime), String(report.counts.overdue), PublicIndexFigures.onTimeRate(report).map { String($0) } ?? "",
                            String(report.score.points), String(report.score.scoredMaxPoints),
                        ]
                    })
        case .overdue:
            return OperationsCSV.lines(
                [["code", "agency_id", "agency", "procedure_code", "channel", "status", "received_at", "due_at", "ended_at", "supplement_requests"]]
                    + late.map { row in
                        [
                            row.code, row.agencyID, agencies[row.agencyID]?.nameVi ?? row.agencyID, row.procedureCode, row.channel,
                            DossierStatus(rawValue: row.status)?.name ?? String(row.status), OperationsText.time(row.receivedAt),
                            OperationsText.time(row.dueAt), OperationsText.time(row.endedAt), String(row.supplementRequests),
                        ]
                    })
        }
    }
}
