import Foundation
import MotCuaDomain
import MotCuaStorage

/// The dossiers behind an index count as CSV: codes and dates only, no applicant. Every cell goes through
/// `CSVCell` (spreadsheet formulas neutralised).
enum IndexDossiersCSV {
    static let header = "code,procedure_code,agency_id,channel,status,received_at,due_at,ended_at,supplement_requests"

    static func render(_ rows: [IndexDossierRow]) -> String {
        var lines = [header]
        for row in rows {
            lines.append(
                [
                    row.code, row.procedureCode, row.agencyID, row.channel, String(row.status), WorkingCalendar.localTimestamp(row.receivedAt),
                    row.dueAt.map(WorkingCalendar.localTimestamp) ?? "", row.endedAt.map(WorkingCalendar.localTimestamp) ?? "",
                    String(row.supplementRequests),
                ].map(CSVCell.encode).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
