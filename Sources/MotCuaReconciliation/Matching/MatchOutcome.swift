/// What the matcher decided for one source record, before it is written up as a finding.
struct MatchOutcome: Sendable {
    /// How the record was linked.
    enum Method: UInt8, Sendable {
        case none, citizenID, legacyID, probabilistic
        var name: String { ["none", "citizen_id", "legacy_id", "probabilistic"][Int(rawValue)] }
    }

    /// What became of the record's own ID.
    enum IDStatus: UInt8, Sendable {
        /// No ID in the record.
        case absent
        /// Found in the register and consistent with the other fields.
        case confirmed
        /// Found, but the fields belong to someone else.
        case conflicting
        /// Well-formed but not in the register (or the crosswalk).
        case unknown
        /// Twelve digits that fail the structural rules.
        case invalid
    }

    enum Decision: UInt8, Sendable {
        case noMatch, automatic, review
    }

    /// Best candidate: the matched person (automatic) or the one to review; -1 if none.
    var person: Int32 = -1
    /// The person the record's ID pointed at, when that differs from ``person`` or nobody matched.
    var idPerson: Int32 = -1
    var score: Float = 0
    /// Score of the runner-up candidate, or -infinity.
    var secondScore: Float = -.infinity
    var candidates: Int32 = 0
    /// log2 posterior odds of ``person`` against the alternatives (probabilistic links only).
    var posteriorOdds: Float = -.infinity
    /// The best candidate the search found, whatever the decision (for the "candidate found" rate); -1 if none.
    var bestCandidate: Int32 = -1
    /// Blocks skipped for their size during the search.
    var skippedBlocks: Int32 = 0
    var method: Method = .none
    var decision: Decision = .noMatch
    var idStatus: IDStatus = .absent
    /// The comparison of the record with ``person``.
    var comparison = Comparison.none
    /// The weight the recorded ID added to ``person``'s score (see ``NearIDEvidence``): positive when it is one
    /// keystroke from the person's ID, negative when it is not; 0 when the ID took no part.
    var idWeight: Float = 0
}
