import Foundation

/// The outcome of a run: counts, the fitted model, thresholds, timings and, with ground truth, quality.
public struct ReconciliationReport: Sendable, Codable {
    public var registerRows = 0
    public var sourceRows = 0
    /// Rows skipped as unreadable (with the reject policy), per file.
    public var rejectedRegisterRows = 0
    public var rejectedSourceRows = 0
    /// Register IDs that occur more than once (the first row is used).
    public var duplicateRegisterIDs = 0
    /// Findings per kind (a record may count under several kinds).
    public var kindCounts: [String: Int] = [:]
    /// Automatic links per method.
    public var methodCounts: [String: Int] = [:]
    public var thresholds = MatchThresholds(automatic: 0, review: 0, margin: 0, conflict: 0)
    /// Fellegi–Sunter m and u per field and level, as fitted.
    public var model: [FieldModel] = []
    /// Wall-clock seconds per phase, in order.
    public var timings: [PhaseTiming] = []
    public var quality: QualityReport?
    /// Share of records without a usable ID taken to be absent from the register, and whether it was
    /// estimated from the data (false: given, or too few such records to estimate it).
    public var absentShare: Double?
    public var absentShareEstimated: Bool?
    /// Share of true pairs with a sex on both sides that disagree on it (counted on the ID-linked pairs, or learnt
    /// when there are too few), and whether the source's sex was therefore left out of blocking (a column coded
    /// another way, e.g. 0 male / 1 female).
    public var sexDisagreement: Double?
    public var sourceSexIgnoredInBlocking: Bool?
    /// m and u of date of birth, sex and commune per field-presence pattern, as used.
    public var patternModels: [PatternModel]?
    /// Columns found by a usual header name rather than the mapping or the field's own name
    /// ("source full_name ← Họ và tên"), so that a run shows what it read where.
    public var recognisedColumns: [String]?
    /// Rows kept with a damaged field read for what could be trusted, per file and column ("source date_of_birth":
    /// a date read as its year alone, or as missing; "source citizen_id": a field that is no ID even with scanner
    /// confusions undone, matched as a record without one). The findings of these rows quote the field as written.
    public var damagedFields: [String: Int]?
    /// Files read in another encoding and converted to UTF-8 ("source from Windows-1258"), see `TextEncoding`.
    public var convertedEncodings: [String]?

    /// The weights of a recorded ID one slip from a candidate's (see `NearIDEvidence`), one entry per kind of slip
    /// (a keystroke, a digit lost, a digit too many; in a citizen ID or an old ID) that some record's ID may be: one
    /// that names nobody in the register, or someone whose fields disagree, or has a digit count one off.
    public var idTypos: [IDTypoModel]?

    public init() {}

    /// How a recorded ID that names nobody is weighed: m and u of "one slip (of this kind) from the candidate's ID",
    /// their weights in bits, and the records automatically linked by their other fields that m was counted on.
    public struct IDTypoModel: Sendable, Codable {
        /// "citizen ID, one keystroke", "citizen ID, one digit lost", "old ID, one digit too many", ...
        public var kind: String
        public var m: Double
        public var u: Double
        public var agreement: Double
        public var disagreement: Double
        public var sampledRecords: Int
        public var nearRecords: Int
    }

    /// The re-estimated part of the model for one field-presence pattern (see `ModelEstimation`).
    public struct PatternModel: Sendable, Codable {
        public var pattern: String
        /// Records without a usable ID sampled for the estimation, and their expected matches (Σ posterior).
        public var sampledRecords: Int
        public var expectedMatches: Double
        /// Whether EM's m is used (else the ID-linked m of the pattern).
        public var estimated: Bool
        /// Per field (date of birth, sex, commune) and level.
        public var m: [[Double]]
        public var u: [[Double]]
    }

    /// m and u for one compared field.
    public struct FieldModel: Sendable, Codable {
        public var field: String
        public var levels: [String]
        public var m: [Double]
        public var u: [Double]
    }

    public struct PhaseTiming: Sendable, Codable {
        public var phase: String
        public var seconds: Double
    }

    /// A summary for the terminal.
    public var text: String {
        var lines = ["register rows: \(registerRows) (rejected \(rejectedRegisterRows), duplicate IDs \(duplicateRegisterIDs))",
            "source rows:   \(sourceRows) (rejected \(rejectedSourceRows))", "",
            String(format: "thresholds (bits): automatic %.1f, lead over runner-up %.1f, review %.1f, ID conflict %.1f", thresholds.automatic, thresholds.margin, thresholds.review, thresholds.conflict),
            "automatic threshold by field-presence pattern: " + MatchThresholds.patternNames.indices.map { pattern in
                let value = thresholds.automaticByPattern.flatMap { pattern < $0.count ? $0[pattern] : nil }
                return MatchThresholds.patternNames[pattern] + " " + (value.map { String(format: "%.1f", $0) } ?? "(overall)")
            }.joined(separator: "; "),
            thresholds.posteriorOdds.map { overall in
                String(format: "automatic links decided per record: log2 posterior odds ≥ %.2f bits overall; by pattern: ", overall)
                    + MatchThresholds.patternNames.indices.map { pattern in
                        MatchThresholds.patternNames[pattern] + " " + String(format: "%.2f", thresholds.posteriorOdds(pattern: pattern) ?? overall)
                    }.joined(separator: "; ")
            } ?? "automatic links decided by the score thresholds above",
            "", "findings:"]
        if let convertedEncodings { lines.insert("converted to UTF-8: " + convertedEncodings.joined(separator: "; "), at: 2) }
        if let damagedFields, !damagedFields.isEmpty {
            lines.insert("rows kept with a damaged field (read for what could be trusted): "
                + damagedFields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "), at: 2)
        }
        if let recognisedColumns { lines.insert("columns recognised by their usual names: " + recognisedColumns.joined(separator: "; "), at: 2) }
        for kind in FindingKind.allCases { lines.append("  \(kind.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)) \(kindCounts[kind.rawValue] ?? 0)") }
        lines.append("automatic links:")
        for method in MatchMethod.allCases where methodCounts[method.rawValue] != nil {
            lines.append("  \(method.rawValue.padding(toLength: 30, withPad: " ", startingAt: 0)) \(methodCounts[method.rawValue]!)")
        }
        lines.append("")
        lines.append("model (m / u per level):")
        for field in model {
            let levels = zip(field.levels, zip(field.m, field.u)).map { "\($0) " + String(format: "%.4f/%.6f", $1.0, $1.1) }
            lines.append("  \(field.field): " + levels.joined(separator: "; "))
        }
        if let absentShare {
            lines.append("")
            lines.append(String(format: "records without a usable ID absent from the register: %.2f %%", absentShare * 100)
                + (absentShareEstimated == true ? " (estimated from the data)" : " (assumed)"))
        }
        if let sexDisagreement, sourceSexIgnoredInBlocking == true {
            lines.append(
                String(format: "the source's sex disagrees with the register in %.1f %% of true pairs: it is still weighed, but ", sexDisagreement * 100)
                    + "records are looked for under both sexes")
        }
        if let patternModels {
            lines.append("m of date exact / same year (year-only record) / sex agree / commune agree per pattern (EM on records without a usable ID, or ID-linked):")
            for entry in patternModels {
                lines.append("  \(entry.pattern): " + String(format: "%.3f / %.3f / %.3f / %.3f", entry.m[0][0], entry.m[0][1], entry.m[1][0], entry.m[2][0])
                    + " (\(entry.sampledRecords) records, " + String(format: "%.0f", entry.expectedMatches) + " expected matches, "
                    + (entry.estimated ? "EM" : "ID-linked") + ")")
            }
        }
        lines.append("")
        lines.append("timings: " + timings.map { "\($0.phase) " + String(format: "%.2fs", $0.seconds) }.joined(separator: ", ")
            + String(format: "; total %.2fs", timings.reduce(0) { $0 + $1.seconds }))
        if let quality { lines.append(""); lines.append(quality.text) }
        return lines.joined(separator: "\n")
    }
}
