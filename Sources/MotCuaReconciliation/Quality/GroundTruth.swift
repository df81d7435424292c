import Foundation

/// The generator's ground truth: for each source record, the true person, the ID situation and the
/// finding kinds a perfect run would report.
///
/// Columns: `record_id,true_citizen_id,id_situation,expected_kinds,duplicate_of,errors`.
enum GroundTruth {
    static let header = "record_id,true_citizen_id,id_situation,expected_kinds,duplicate_of,errors\n"

    /// Compares results, aligned with the truth file row by row when the record IDs agree, otherwise
    /// through a dictionary keyed by record ID.
    static func evaluate(truth url: URL, results: [EvaluatedResult], recordIDs: (Int) -> String) throws -> QualityReport {
        let file = try DelimitedFile(url: url, delimiter: UInt8(ascii: ","))
        let positions = Dictionary(file.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard let idColumn = positions["record_id"], let personColumn = positions["true_citizen_id"],
            let situationColumn = positions["id_situation"], let kindsColumn = positions["expected_kinds"]
        else { throw DelimitedFile.issue(url, line: 1, "not a ground-truth file (needs record_id, true_citizen_id, id_situation, expected_kinds)") }
        var rows: [(id: String, person: UInt64, situation: String, kinds: UInt16)] = []
        file.bytes.withUnsafeBufferPointer { buffer in
            var fields: [FieldSlice] = []
            var position = file.dataStart
            while position < buffer.count {
                guard let next = try? CSVRowParser.parseRow(buffer, from: position, delimiter: file.delimiter, into: &fields) else { break }
                position = next
                guard fields.count == file.header.count else { continue }
                func text(_ column: Int) -> String { String(decoding: fields[column].value(in: buffer), as: UTF8.self) }
                let kinds = text(kindsColumn).split(separator: ";").compactMap { FindingKind(rawValue: String($0)) }
                rows.append((text(idColumn), UInt64(text(personColumn)) ?? 0, text(situationColumn), EvaluatedResult.mask(kinds)))
            }
        }
        var order = Array(0..<min(rows.count, results.count))
        let aligned = rows.count == results.count && stride(from: 0, to: rows.count, by: max(1, rows.count / 1000)).allSatisfy { rows[$0].id == recordIDs($0) }
        if !aligned {
            var byID: [String: Int] = [:]
            for (index, row) in rows.enumerated() { byID[row.id] = index }
            order = (0..<results.count).map { byID[recordIDs($0)] ?? -1 }
        }
        var report = QualityReport()
        for (resultIndex, truthIndex) in order.enumerated() where truthIndex >= 0 {
            let truth = rows[truthIndex]
            let result = results[resultIndex]
            report.records += 1
            var situation = report.automaticMatchesBySituation[truth.situation] ?? QualityReport.Rate()
            func count(_ rate: inout QualityReport.Rate) {
                if result.automatic {
                    if truth.person != 0 && result.citizenID == truth.person {
                        rate.truePositives += 1
                    } else {
                        rate.falsePositives += 1
                        if truth.person != 0 { rate.falseNegatives += 1 }
                    }
                } else if truth.person != 0 {
                    rate.falseNegatives += 1
                }
            }
            count(&report.automaticMatches)
            count(&situation)
            report.automaticMatchesBySituation[truth.situation] = situation
            for (bit, kind) in FindingKind.allCases.enumerated() {
                let predicted = result.kinds & (1 << UInt16(bit)) != 0
                let expected = truth.kinds & (1 << UInt16(bit)) != 0
                guard predicted || expected else { continue }
                var rate = report.kinds[kind.rawValue] ?? QualityReport.Rate()
                if predicted && expected { rate.truePositives += 1 } else if predicted { rate.falsePositives += 1 } else { rate.falseNegatives += 1 }
                report.kinds[kind.rawValue] = rate
            }
            if !result.automatic && result.citizenID != 0 {
                report.reviews += 1
                if result.citizenID == truth.person { report.reviewsWithRightCandidate += 1 }
            }
        }
        return report
    }

    /// Evaluates a findings CSV written by an earlier run.
    static func evaluate(findings url: URL, truth: URL) throws -> QualityReport {
        let file = try DelimitedFile(url: url, delimiter: UInt8(ascii: ","))
        let positions = Dictionary(file.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard let idColumn = positions["record_id"], let kindsColumn = positions["kinds"], let personColumn = positions["citizen_id"],
            let automaticColumn = positions["automatic"]
        else { throw DelimitedFile.issue(url, line: 1, "not a findings file") }
        var ids: [String] = []
        var results: [EvaluatedResult] = []
        file.bytes.withUnsafeBufferPointer { buffer in
            var fields: [FieldSlice] = []
            var position = file.dataStart
            while position < buffer.count {
                guard let next = try? CSVRowParser.parseRow(buffer, from: position, delimiter: file.delimiter, into: &fields) else { break }
                position = next
                guard fields.count == file.header.count else { continue }
                func text(_ column: Int) -> String { String(decoding: fields[column].value(in: buffer), as: UTF8.self) }
                ids.append(text(idColumn))
                let kinds = text(kindsColumn).split(separator: ";").compactMap { FindingKind(rawValue: String($0)) }
                results.append(EvaluatedResult(kinds: EvaluatedResult.mask(kinds), citizenID: UInt64(text(personColumn)) ?? 0, automatic: text(automaticColumn) == "true"))
            }
        }
        return try evaluate(truth: truth, results: results, recordIDs: { ids[$0] })
    }
}
