import Foundation
import MotCuaDomain
import MotCuaStorage

/// The corrections export: one RFC 4180 row per accepted or edited finding, safe to open in a spreadsheet.
enum CorrectionsCSV {
    static let header = "finding_id,source_record_id,source_line,kind,kinds,citizen_id,decision,correction,decided_by,decided_at"

    static func render(_ findings: [StoredFinding]) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = [header]
        for f in findings {
            let correction = (f.correction ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            lines.append(
                [
                    f.id, f.sourceRecordID, String(f.sourceLine), f.kind, f.kinds.joined(separator: " "), f.citizenID ?? "", f.status.rawValue,
                    correction, f.decidedBy ?? "", f.decidedAt.map { formatter.string(from: $0) } ?? "",
                ].map(CSVCell.encode).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
