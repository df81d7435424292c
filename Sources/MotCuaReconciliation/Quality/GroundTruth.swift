import Foundation

/// The generator's ground truth: for each source record, the true person, the ID situation and the
/// finding kinds a perfect run would report.
///
/// Columns: `record_id,true_citizen_id,id_situation,expected_kinds,duplicate_of,errors`.
enum GroundTruth {
    static let header = "record_id,true_citizen_id,id_situation,expected_kinds,duplicate_of,errors\n"

    /// ID situations written by the generator; others are reported as "other".
    static let situations = ["new_id", "legacy_id", "no_id", "typo_other_person", "unknown_id", "not_in_register", "other"]
    /// Error labels of both generators, for the breakdown by error kind; others count as "other", none as "clean".
    static let errorKinds = [
        "clean", "other", "regional_surname", "omitted_middle", "old_tone_placement", "missing_diacritics", "d_to_plain_d", "all_caps",
        "look_alike_eth", "extra_spaces", "nfd", "dob_day_month_swap", "dob_year_only", "dob_off_by_one", "commune_moved",
        "id_digit_typo", "id_leading_zero_lost", "id_grouped", "given_middle_swapped", "given_typo", "surname_typo", "middle_typo",
        "no_diacritics", "one_word_without_diacritics", "upper_case", "birth_year_only", "birth_day_off_by_one", "birth_day_month_swapped",
        "birth_date_missing", "sex_missing", "place_missing", "place_unresolvable", "place_other_commune", "place_before_merger",
        "place_after_merger", "place_abbreviated", "place_without_diacritics", "repeated_entry",
    ]
    private static let errorNames: [[UInt8]] = errorKinds.map { Array($0.utf8) }
    private static let kindNames: [[UInt8]] = FindingKind.allCases.map { Array($0.rawValue.utf8) }
    private static let situationNames: [[UInt8]] = situations.map { Array($0.utf8) }

    /// One ground-truth row, compact.
    struct Row: Sendable {
        var recordIDHash: UInt64
        var person: UInt64
        var situation: UInt8
        var kinds: UInt16
        /// Bit `i`: error kind `errorKinds[i]`.
        var errors: UInt64
    }

    /// Hash of a record ID, for aligning results with truth rows without keeping strings.
    static func hash(_ text: String) -> UInt64 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { NameKeys.hash(UnsafeBufferPointer($0), 0..<$0.count) }
    }

    static func load(_ url: URL, parallelism: Int) async throws -> [Row] {
        let file = try DelimitedFile(url: url, delimiter: UInt8(ascii: ","))
        let positions = Dictionary(file.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard let idColumn = positions["record_id"], let personColumn = positions["true_citizen_id"],
            let situationColumn = positions["id_situation"], let kindsColumn = positions["expected_kinds"]
        else { throw DelimitedFile.issue(url, line: 1, "not a ground-truth file (needs record_id, true_citizen_id, id_situation, expected_kinds)") }
        let errorsColumn = positions["errors"]
        return try await RowLoader.load(file, parallelism: parallelism, stopOnError: true, tracker: ProgressTracker(handler: nil)) {
            buffer, fields, _, _ throws(FieldError) in
            let id = fields[idColumn]
            let recordID = id.escaped ? { let value = id.value(in: buffer); return value.withUnsafeBufferPointer { NameKeys.hash($0, 0..<$0.count) } }() : NameKeys.hash(buffer, id.start..<id.end)
            let (person, _) = try FieldParsing.digits(buffer, fields[personColumn], field: personColumn)
            let situationSlice = Array(buffer[fields[situationColumn].start..<fields[situationColumn].end])
            let situation = UInt8(situationNames.firstIndex(of: situationSlice) ?? situations.count - 1)
            var kinds: UInt16 = 0
            var segmentStart = fields[kindsColumn].start
            let end = fields[kindsColumn].end
            for position in segmentStart...end where position == end || buffer[position] == UInt8(ascii: ";") {
                let segment = Array(buffer[segmentStart..<position])
                if let bit = kindNames.firstIndex(of: segment) { kinds |= 1 << UInt16(bit) }
                segmentStart = position + 1
            }
            var errors: UInt64 = 0
            if let errorsColumn {
                var start = fields[errorsColumn].start
                let end = fields[errorsColumn].end
                for position in start...end where position == end || buffer[position] == UInt8(ascii: ";") {
                    if position > start {
                        let segment = Array(buffer[start..<position])
                        errors |= 1 << UInt64(errorNames.firstIndex(of: segment) ?? 1)
                    }
                    start = position + 1
                }
            }
            return Row(recordIDHash: recordID, person: person, situation: situation, kinds: kinds, errors: errors == 0 ? 1 : errors)
        }.rows
    }

    /// Compares results with the truth, row by row when the record IDs line up (the generator writes
    /// both in the same order), otherwise by record ID.
    static func evaluate(truth url: URL, results: [EvaluatedResult], parallelism: Int, recordIDHash: (Int) -> UInt64) async throws -> QualityReport {
        let rows = try await load(url, parallelism: parallelism)
        var order = Array(0..<min(rows.count, results.count))
        let aligned = rows.count == results.count
            && stride(from: 0, to: rows.count, by: max(1, rows.count / 1000)).allSatisfy { rows[$0].recordIDHash == recordIDHash($0) }
        if !aligned {
            var byID: [UInt64: Int] = [:]
            for (index, row) in rows.enumerated() { byID[row.recordIDHash] = index }
            order = (0..<results.count).map { byID[recordIDHash($0)] ?? -1 }
        }
        var report = QualityReport()
        var bySituation = [QualityReport.Rate](repeating: QualityReport.Rate(), count: situations.count)
        var kinds = [QualityReport.Rate](repeating: QualityReport.Rate(), count: FindingKind.allCases.count)
        var situationBreakdowns = [QualityReport.Breakdown](repeating: QualityReport.Breakdown(), count: situations.count)
        var errorBreakdowns = [QualityReport.Breakdown](repeating: QualityReport.Breakdown(), count: errorKinds.count)
        // A truth row without a result is a record the run did not read (a rejected row): missed, not ignored, so
        // that a reader which throws rows away cannot look better for it.
        var covered = [Bool](repeating: false, count: rows.count)
        for truthIndex in order where truthIndex >= 0 { covered[truthIndex] = true }
        let unread = covered.indices.filter { !covered[$0] }
        report.unreadRecords = unread.count
        let pairs = order.enumerated().lazy.filter { $0.element >= 0 }.map { (rows[$0.element], results[$0.offset]) }
            + unread.lazy.map { (rows[$0], EvaluatedResult(kinds: 0, citizenID: 0, automatic: false)) }
        for (truth, result) in pairs {
            report.records += 1
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
            count(&bySituation[Int(truth.situation)])
            let reviewed = !result.automatic && result.citizenID != 0
            let candidateFound = truth.person != 0 && result.candidate == truth.person
            func tally(_ breakdown: inout QualityReport.Breakdown) {
                breakdown.records += 1
                if reviewed { breakdown.reviews += 1 }
                if truth.person != 0 { breakdown.inRegister += 1 }
                if candidateFound { breakdown.candidateFound += 1 }
                count(&breakdown.automatic)
            }
            tally(&situationBreakdowns[Int(truth.situation)])
            var errors = truth.errors
            while errors != 0 {
                let bit = errors.trailingZeroBitCount
                tally(&errorBreakdowns[bit])
                errors &= errors - 1
            }
            let union = result.kinds | truth.kinds
            if union != 0 {
                for bit in 0..<kinds.count where union & (1 << UInt16(bit)) != 0 {
                    let predicted = result.kinds & (1 << UInt16(bit)) != 0
                    let expected = truth.kinds & (1 << UInt16(bit)) != 0
                    if predicted && expected { kinds[bit].truePositives += 1 } else if predicted { kinds[bit].falsePositives += 1 } else { kinds[bit].falseNegatives += 1 }
                }
            }
            if !result.automatic && result.citizenID != 0 {
                report.reviews += 1
                if result.citizenID == truth.person { report.reviewsWithRightCandidate += 1 }
            }
        }
        for (index, rate) in bySituation.enumerated() where rate.truePositives + rate.falsePositives + rate.falseNegatives > 0 || index < 3 {
            report.automaticMatchesBySituation[situations[index]] = rate
        }
        for (index, breakdown) in situationBreakdowns.enumerated() where breakdown.records > 0 { report.bySituation[situations[index]] = breakdown }
        for (index, breakdown) in errorBreakdowns.enumerated() where breakdown.records > 0 { report.byError[errorKinds[index]] = breakdown }
        for (index, kind) in FindingKind.allCases.enumerated() where kinds[index].truePositives + kinds[index].falsePositives + kinds[index].falseNegatives > 0 {
            report.kinds[kind.rawValue] = kinds[index]
        }
        return report
    }

    /// Evaluates a findings CSV written by an earlier run.
    static func evaluate(findings url: URL, truth: URL) async throws -> QualityReport {
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
        let hashes = ids.map(hash)
        return try await evaluate(truth: truth, results: results, parallelism: ProcessInfo.processInfo.activeProcessorCount, recordIDHash: { hashes[$0] })
    }
}
