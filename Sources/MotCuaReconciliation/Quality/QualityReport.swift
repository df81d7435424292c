import Foundation

/// Precision and recall of a run against ground truth: for automatic matches overall and per ID
/// situation, and for each finding kind.
public struct QualityReport: Sendable, Hashable, Codable {
    /// Counts behind a precision/recall pair.
    public struct Rate: Sendable, Hashable, Codable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public init() {}

        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    }

    /// The records of one ID situation or with one kind of error: automatic links and reviews.
    public struct Breakdown: Sendable, Hashable, Codable {
        public var records = 0
        public var automatic = Rate()
        /// Records sent to review (a candidate proposed, no automatic link).
        public var reviews = 0
        /// Records whose person is in the register, and of those, the ones whose best candidate was that
        /// person whatever the decision: the recall of candidate generation.
        public var inRegister = 0
        public var candidateFound = 0

        public init() {}

        public var reviewShare: Double { records == 0 ? 0 : Double(reviews) / Double(records) }
        /// Share of the records whose person is in the register for which that person was the best candidate.
        public var candidateRate: Double { inRegister == 0 ? 1 : Double(candidateFound) / Double(inRegister) }
    }

    /// Records evaluated.
    public var records = 0
    /// Records of the truth that the run never read (rejected rows), counted in `records` as missed.
    public var unreadRecords = 0
    /// Automatic links: a true positive links the right person.
    public var automaticMatches = Rate()
    /// The same, split by the record's ID situation in the ground truth (`new_id`, `legacy_id`, `no_id`, …).
    public var automaticMatchesBySituation: [String: Rate] = [:]
    /// Per finding kind (raw value), comparing predicted and expected kinds.
    public var kinds: [String: Rate] = [:]
    /// Records sent to review, and how many of them proposed the right person.
    public var reviews = 0
    public var reviewsWithRightCandidate = 0
    /// Per ID situation of the ground truth, with the share sent to review.
    public var bySituation: [String: Breakdown] = [:]
    /// Per error kind the generator injected (`clean` for none); a record counts under each of its errors.
    public var byError: [String: Breakdown] = [:]

    public init() {}

    /// Rows of a breakdown table: `name  records  precision  recall  review share`.
    static func breakdownRows(_ breakdowns: [String: Breakdown], order: [String]) -> [String] {
        let names = order.filter { breakdowns[$0] != nil } + breakdowns.keys.filter { !order.contains($0) }.sorted()
        return names.map { name in
            let item = breakdowns[name]!
            return "  " + name.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(
                    format: "%9d %10.5f %10.5f %8.2f%% %10.5f", item.records, item.automatic.precision, item.automatic.recall, 100 * item.reviewShare,
                    item.candidateRate)
        }
    }

    /// Several reports side by side (for example the tuning generator's and the independent one's):
    /// overall, by ID situation and by error kind, each as records, precision, recall and share sent to review.
    public static func sideBySide(_ reports: [(title: String, report: QualityReport)]) -> String {
        func cell(_ item: Breakdown?) -> String {
            guard let item else { return "—".padding(toLength: 39, withPad: " ", startingAt: 0) }
            return String(format: "%8d %9.5f %9.5f %7.2f%%  ", item.records, item.automatic.precision, item.automatic.recall, 100 * item.reviewShare)
        }
        var header = "".padding(toLength: 32, withPad: " ", startingAt: 0)
        var subheader = header
        for (title, _) in reports {
            header += title.padding(toLength: 41, withPad: " ", startingAt: 0)
            subheader += " records precision    recall  review  "
        }
        var lines = [header, subheader]
        func section(_ name: String, _ rows: [String], _ value: (QualityReport, String) -> Breakdown?) {
            lines.append(name)
            for row in rows {
                lines.append("  " + row.padding(toLength: 30, withPad: " ", startingAt: 0) + reports.map { cell(value($0.report, row)) }.joined())
            }
        }
        section("automatic links", ["all"]) { report, _ in
            var all = Breakdown()
            all.records = report.records
            all.automatic = report.automaticMatches
            all.reviews = report.reviews
            return all
        }
        let situations = GroundTruth.situations.filter { name in reports.contains { $0.report.bySituation[name] != nil } }
        section("by ID situation", situations) { $0.bySituation[$1] }
        let errors = GroundTruth.errorKinds.filter { name in reports.contains { $0.report.byError[name] != nil } }
        section("by error kind (a record counts under each of its errors)", errors) { $0.byError[$1] }
        return lines.joined(separator: "\n")
    }

    /// A plain-text table for the terminal and for BENCHMARKS.md.
    public var text: String {
        func row(_ name: String, _ rate: Rate) -> String {
            let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
            return padded + String(format: "%10.5f %10.5f %10d %8d %8d", rate.precision, rate.recall, rate.truePositives, rate.falsePositives, rate.falseNegatives)
        }
        var lines = ["records evaluated: \(records)" + (unreadRecords > 0 ? " (\(unreadRecords) of them unread: rejected rows, counted as missed)" : ""), "", "automatic matches               precision     recall         TP       FP       FN"]
        lines.append(row("all", automaticMatches))
        for situation in automaticMatchesBySituation.keys.sorted() { lines.append(row("  " + situation, automaticMatchesBySituation[situation]!)) }
        lines.append("")
        lines.append("finding kinds                   precision     recall         TP       FP       FN")
        for kind in FindingKind.allCases.map(\.rawValue) where kinds[kind] != nil { lines.append(row(kind, kinds[kind]!)) }
        if !bySituation.isEmpty {
            lines.append("")
            lines.append("by ID situation                   records  precision     recall   review  candidate")
            lines += Self.breakdownRows(bySituation, order: GroundTruth.situations)
        }
        if !byError.isEmpty {
            lines.append("")
            lines.append("by error kind                     records  precision     recall   review  candidate")
            lines += Self.breakdownRows(byError, order: GroundTruth.errorKinds)
        }
        lines.append("")
        lines.append("review candidates: \(reviews), with the right person proposed: \(reviewsWithRightCandidate)")
        lines.append("candidate: share of records whose person is in the register that had that person as best candidate, whatever the decision")
        return lines.joined(separator: "\n")
    }
}
