import Foundation

/// Everything one reconciliation run needs: the inputs, where findings go, and how to treat bad rows.
public struct ReconciliationOptions: Sendable {
    /// The population register CSV (or the registry sandbox's CSV export).
    public var register: URL
    public var registerMapping: ColumnMapping
    /// The source dataset CSV: civil-status events, land holders or insurance participants.
    public var source: URL
    public var sourceMapping: ColumnMapping
    /// Findings as CSV, one row per source record.
    public var findingsCSV: URL?
    /// Findings as JSON lines, one object per source record.
    public var findingsJSONLines: URL?
    /// Stop at the first bad row, or skip bad rows into a rejects file.
    public var badRows: BadRowPolicy
    /// Worker tasks; defaults to the number of active cores.
    public var parallelism: Int
    /// Fixed thresholds; `nil` calibrates them from the data (see ``MatchThresholds``).
    public var thresholds: MatchThresholds?
    /// Precision that calibration aims for among probabilistic automatic links.
    public var targetPrecision: Double
    /// Share of records without a usable ID that have no counterpart in the register; `nil` (the default)
    /// estimates it from the data (see ``ReconciliationReport/absentShare``), a value fixes it.
    public var assumedAbsentShare: Double?
    /// Ground truth from the generator; when set, the report includes precision and recall.
    public var groundTruth: URL?
    /// How calibrated automatic links are decided.
    public var decision: DecisionRule = .posterior
    /// Whether the `findings` sink also receives the plain consistent matches by a record's own ID (the bulk of
    /// most runs). A worklist needs only the other findings; skipping these spares building them at all.
    public var sinkReceivesPlainMatches = true

    /// How a probabilistic link becomes automatic.
    public enum DecisionRule: String, Sendable, CaseIterable {
        /// Per record: the posterior odds of the best candidate against its alternatives (see ``MatchThresholds/posteriorOdds``).
        case posterior
        /// Per field-presence pattern: the best score against a calibrated threshold (the rule before the posterior).
        case score
    }

    public init(
        register: URL, registerMapping: ColumnMapping = ColumnMapping(), source: URL, sourceMapping: ColumnMapping = ColumnMapping(),
        findingsCSV: URL? = nil, findingsJSONLines: URL? = nil, badRows: BadRowPolicy = .stop,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, thresholds: MatchThresholds? = nil,
        targetPrecision: Double = 0.999, assumedAbsentShare: Double? = nil, groundTruth: URL? = nil
    ) {
        self.register = register
        self.registerMapping = registerMapping
        self.source = source
        self.sourceMapping = sourceMapping
        self.findingsCSV = findingsCSV
        self.findingsJSONLines = findingsJSONLines
        self.badRows = badRows
        self.parallelism = max(1, parallelism)
        self.thresholds = thresholds
        self.targetPrecision = targetPrecision
        self.assumedAbsentShare = assumedAbsentShare
        self.groundTruth = groundTruth
    }
}
