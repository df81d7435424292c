/// What reconciliation found about one source record: the record a data steward's worklist stores.
///
/// A record can carry several kinds at once (an old ID to convert *and* a misspelt name); `kinds` lists
/// them all, and `consistentMatch` appears only alone. `evidence` says, in words, why.
public struct ReconciliationFinding: Sendable, Hashable, Codable {
    /// The record's own identifier (the `record_id` column).
    public var sourceRecordID: String
    /// Physical line of the record in the source file.
    public var sourceLine: Int
    public var kinds: [FindingKind]
    /// How the record was linked.
    public var method: MatchMethod
    /// Whether the link is automatic (`true`) or only a candidate for review (`false`).
    public var automatic: Bool
    /// The 12-digit ID of the matched person, or of the review candidate.
    public var citizenID: String?
    /// Match weight in bits (Fellegi–Sunter), when fields were compared.
    public var score: Double?
    /// Weight of the runner-up candidate in a probabilistic search.
    public var runnerUpScore: Double?
    /// The ID as written in the record (12 or 9 digits), if any.
    public var recordedID: String?
    /// The person the recorded ID actually belongs to, when it is someone else.
    public var recordedIDBelongsTo: String?
    /// The first record of the same event for the same person, when this one is a duplicate.
    public var duplicateOf: String?
    /// Fields whose values differ between the record and the register.
    public var discrepancies: [FieldDiscrepancy]
    /// Plain-language reasons, e.g. the per-field weights of a probabilistic match.
    public var evidence: [String]

    public init(
        sourceRecordID: String, sourceLine: Int, kinds: [FindingKind], method: MatchMethod, automatic: Bool,
        citizenID: String?, score: Double?, runnerUpScore: Double?, recordedID: String?, recordedIDBelongsTo: String?,
        duplicateOf: String?, discrepancies: [FieldDiscrepancy], evidence: [String]
    ) {
        self.sourceRecordID = sourceRecordID
        self.sourceLine = sourceLine
        self.kinds = kinds
        self.method = method
        self.automatic = automatic
        self.citizenID = citizenID
        self.score = score
        self.runnerUpScore = runnerUpScore
        self.recordedID = recordedID
        self.recordedIDBelongsTo = recordedIDBelongsTo
        self.duplicateOf = duplicateOf
        self.discrepancies = discrepancies
        self.evidence = evidence
    }
}
