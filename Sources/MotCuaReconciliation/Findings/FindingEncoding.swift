import Foundation
import MotCuaDomain

/// Hand-written CSV and JSON-lines encodings of findings.
///
/// `JSONEncoder` would cost several seconds for millions of findings; the shape is fixed, so writing
/// the bytes directly is both fast and easy to check.
enum FindingEncoding {
    static let csvHeader =
        "record_id,line,kinds,method,automatic,citizen_id,score,runner_up_score,recorded_id,recorded_id_belongs_to,duplicate_of,discrepancies,evidence\n"

    /// One cell, quoted and neutralised for spreadsheets by the platform's one CSV-cell rule.
    static func appendCSVField(_ text: String, to out: inout [UInt8]) {
        CSVCell.append(text, to: &out)
    }

    /// Two decimals without `String(format:)`, which is slow on Linux.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let hundredths = Int((value * 100).rounded())
        let rest = abs(hundredths) % 100
        return "\(hundredths < 0 ? "-" : "")\(abs(hundredths) / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    private static let automaticTrue = Array(",true,".utf8)
    private static let automaticFalse = Array(",false,".utf8)

    /// ``number(_:)`` appended as bytes (a plain number needs no quoting or neutralising).
    static func appendNumber(_ value: Double?, to out: inout [UInt8]) {
        guard let value, value.isFinite else { return }
        let hundredths = Int((value * 100).rounded())
        if hundredths < 0 { out.append(0x2D) }
        FindingBuilder.appendDigits(UInt64(abs(hundredths) / 100), minimumDigits: 1, to: &out)
        out.append(0x2E)
        FindingBuilder.appendDigits(UInt64(abs(hundredths) % 100), minimumDigits: 2, to: &out)
    }

    static func appendCSV(_ finding: ReconciliationFinding, to out: inout [UInt8]) {
        // Cell by cell, without an array of cells: this runs for every finding that is not a plain ID match.
        appendCSVField(finding.sourceRecordID, to: &out)
        out.append(0x2C)
        FindingBuilder.appendDigits(UInt64(max(0, finding.sourceLine)), minimumDigits: 1, to: &out)
        out.append(0x2C)
        appendCSVField(finding.kinds.count == 1 ? finding.kinds[0].rawValue : finding.kinds.map(\.rawValue).joined(separator: ";"), to: &out)
        out.append(0x2C)
        appendCSVField(finding.method.rawValue, to: &out)
        out.append(contentsOf: finding.automatic ? Self.automaticTrue : Self.automaticFalse)
        appendCSVField(finding.citizenID ?? "", to: &out)
        out.append(0x2C)
        appendNumber(finding.score, to: &out)
        out.append(0x2C)
        appendNumber(finding.runnerUpScore, to: &out)
        out.append(0x2C)
        appendCSVField(finding.recordedID ?? "", to: &out)
        out.append(0x2C)
        appendCSVField(finding.recordedIDBelongsTo ?? "", to: &out)
        out.append(0x2C)
        appendCSVField(finding.duplicateOf ?? "", to: &out)
        out.append(0x2C)
        if !finding.discrepancies.isEmpty {
            appendCSVField(finding.discrepancies.map { "\($0.field): \($0.sourceValue) → \($0.registerValue)" }.joined(separator: " | "), to: &out)
        }
        out.append(0x2C)
        appendCSVField(finding.evidence.count == 1 ? finding.evidence[0] : finding.evidence.joined(separator: " | "), to: &out)
        out.append(0x0A)
    }

    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        JSONText.appendString(text, to: &out)
    }

    /// One JSON object per line; keys match ``ReconciliationFinding``'s `Codable` keys, nulls omitted.
    static func appendJSONLine(_ finding: ReconciliationFinding, to out: inout [UInt8]) {
        var first = true
        func key(_ name: String) {
            out.append(first ? 0x7B : 0x2C)
            first = false
            appendJSONString(name, to: &out)
            out.append(0x3A)
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            appendJSONString(value, to: &out)
        }
        func raw(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            out.append(contentsOf: value.utf8)
        }
        func strings(_ name: String, _ values: [String]) {
            key(name)
            out.append(0x5B)
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(0x2C) }
                appendJSONString(value, to: &out)
            }
            out.append(0x5D)
        }
        string("sourceRecordID", finding.sourceRecordID)
        raw("sourceLine", String(finding.sourceLine))
        strings("kinds", finding.kinds.map(\.rawValue))
        string("method", finding.method.rawValue)
        raw("automatic", finding.automatic ? "true" : "false")
        string("citizenID", finding.citizenID)
        raw("score", finding.score.map { number($0) })
        raw("runnerUpScore", finding.runnerUpScore.map { number($0) })
        string("recordedID", finding.recordedID)
        string("recordedIDBelongsTo", finding.recordedIDBelongsTo)
        string("duplicateOf", finding.duplicateOf)
        key("discrepancies")
        out.append(0x5B)
        for (index, discrepancy) in finding.discrepancies.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(contentsOf: Array("{\"field\":".utf8))
            appendJSONString(discrepancy.field, to: &out)
            out.append(contentsOf: Array(",\"sourceValue\":".utf8))
            appendJSONString(discrepancy.sourceValue, to: &out)
            out.append(contentsOf: Array(",\"registerValue\":".utf8))
            appendJSONString(discrepancy.registerValue, to: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
        strings("evidence", finding.evidence)
        out.append(contentsOf: [0x7D, 0x0A])
    }
}
