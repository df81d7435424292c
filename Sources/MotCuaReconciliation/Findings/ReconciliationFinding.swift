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

/// The kinds of finding of issue 4 §3.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Linked, and every field agrees.
    case consistentMatch = "consistent_match"
    /// Linked, but some fields differ (see `discrepancies`).
    case fieldDiscrepancy = "field_discrepancy"
    /// The record carries an old 9-digit ID; `citizenID` is the new one to use.
    case legacyIDConversion = "legacy_id_conversion"
    /// The event (marriage, divorce, death) is not reflected in the person's register profile.
    case eventMissingFromRegister = "event_missing_from_register"
    /// The same event of the same person appears earlier in the source.
    case duplicateInSource = "duplicate_in_source"
    /// The record's ID exists but belongs to someone else (a typo).
    case idPointsAtAnotherPerson = "id_points_at_another_person"
    /// A probable match that a data steward must confirm.
    case reviewCandidate = "review_candidate"
    /// Nobody in the register matches.
    case noMatch = "no_match"
}

/// How a record was linked to the register.
public enum MatchMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    /// By its own 12-digit ID.
    case citizenID = "citizen_id"
    /// By its old 9-digit ID through the register's crosswalk.
    case legacyID = "legacy_id"
    /// By name, date of birth, sex and place.
    case probabilistic
}

/// One field that differs between a source record and the register, with both values.
public struct FieldDiscrepancy: Sendable, Hashable, Codable {
    /// Logical field name, e.g. `full_name`, `date_of_birth`.
    public var field: String
    public var sourceValue: String
    public var registerValue: String

    public init(field: String, sourceValue: String, registerValue: String) {
        self.field = field
        self.sourceValue = sourceValue
        self.registerValue = registerValue
    }
}
