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

    /// Records evaluated.
    public var records = 0
    /// Automatic links: a true positive links the right person.
    public var automaticMatches = Rate()
    /// The same, split by the record's ID situation in the ground truth (`new_id`, `legacy_id`, `no_id`, …).
    public var automaticMatchesBySituation: [String: Rate] = [:]
    /// Per finding kind (raw value), comparing predicted and expected kinds.
    public var kinds: [String: Rate] = [:]
    /// Records sent to review, and how many of them proposed the right person.
    public var reviews = 0
    public var reviewsWithRightCandidate = 0

    public init() {}

    /// A plain-text table for the terminal and for BENCHMARKS.md.
    public var text: String {
        func row(_ name: String, _ rate: Rate) -> String {
            let padded = name.padding(toLength: 30, withPad: " ", startingAt: 0)
            return padded + String(format: "%10.5f %10.5f %10d %8d %8d", rate.precision, rate.recall, rate.truePositives, rate.falsePositives, rate.falseNegatives)
        }
        var lines = ["records evaluated: \(records)", "", "automatic matches               precision     recall         TP       FP       FN"]
        lines.append(row("all", automaticMatches))
        for situation in automaticMatchesBySituation.keys.sorted() { lines.append(row("  " + situation, automaticMatchesBySituation[situation]!)) }
        lines.append("")
        lines.append("finding kinds                   precision     recall         TP       FP       FN")
        for kind in FindingKind.allCases.map(\.rawValue) where kinds[kind] != nil { lines.append(row(kind, kinds[kind]!)) }
        lines.append("")
        lines.append("review candidates: \(reviews), with the right person proposed: \(reviewsWithRightCandidate)")
        return lines.joined(separator: "\n")
    }
}
