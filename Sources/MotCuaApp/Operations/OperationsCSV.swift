import Foundation
import MotCuaDomain
import MotCuaStorage

/// Every table of the operations centre as CSV, all rows; each cell through `CSVCell` (formulas neutralised).
enum OperationsCSV {
    enum Table: String, CaseIterable {
        case receivedToday = "received-today", steps, dueToday = "due-today", overdue, forecast = "predicted-late", accuracy, trend, ranking
    }

    static func render(_ table: Table, snapshot: OperationsSnapshot) -> String {
        let board = snapshot.board
        let rows: [[String]]
        switch table {
        case .receivedToday:
            rows = [["channel", "received"]] + board.receivedToday.map { [$0.channel.rawValue, String($0.count)] }
        case .steps:
            rows = [["step", "open", "paused", "overdue"]] + board.steps.map { [$0.step.rawValue, String($0.open), String($0.paused), String($0.overdue)] }
        case .dueToday, .overdue, .forecast:
            let entries = table == .dueToday ? board.dueToday : table == .overdue ? board.overdue : board.predictedLate
            rows = [["code", "agency_id", "agency", "procedure_code", "status", "step", "official", "received_at", "due_at", "predicted_end"]]
                + entries.map { entry in
                    let d = entry.dossier
                    return [
                        d.code, d.agencyID, snapshot.names[d.agencyID]?.nameVi ?? d.agencyID, d.procedureCode, d.status.name, d.step.rawValue,
                        d.handlerName ?? "", OperationsText.time(d.receivedAt), OperationsText.time(d.dueAt), OperationsText.time(entry.predictedEnd),
                    ]
                }
        case .accuracy:
            let a = snapshot.accuracy
            rows = [
                ["window_start", "forecasts", "true_positives", "false_positives", "false_negatives", "true_negatives", "unpredicted", "precision", "recall"],
                [
                    OperationsText.time(snapshot.backtestStart), String(a.forecasts), String(a.truePositives), String(a.falsePositives),
                    String(a.falseNegatives), String(a.trueNegatives), String(a.unpredicted), a.precision.map { String($0) } ?? "",
                    a.recall.map { String($0) } ?? "",
                ],
            ]
        case .trend:
            rows = [["day", "received", "on_time", "on_time_rate"]]
                + snapshot.trend.map {
                    [String(OperationsText.time($0.start).prefix(10)), String($0.received), String($0.onTime), $0.onTimeRate.map { String($0) } ?? ""]
                }
        case .ranking:
            rows = [["month", "kind", "rank", "agency_id", "agency", "received", "on_time", "on_time_rate"]]
                + (snapshot.communes + snapshot.departments).map {
                    [
                        snapshot.month.label, $0.agency.kind.rawValue, String($0.rank), $0.agency.id, $0.agency.nameVi, String($0.received),
                        String($0.onTime), $0.onTimeRate.map { String($0) } ?? "",
                    ]
                }
        }
        return lines(rows)
    }

    /// Rows joined as CSV with CRLF line ends, every cell neutralised.
    static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(CSVCell.encode).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
