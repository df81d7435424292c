/// One record's result in the form the evaluator needs.
struct EvaluatedResult: Sendable {
    /// Bit `i` set: kind `FindingKind.allCases[i]` predicted.
    var kinds: UInt16
    /// Linked or proposed person's ID, or 0.
    var citizenID: UInt64
    var automatic: Bool
    /// The best candidate's ID whatever the decision, or 0 (none found, or unknown when read back from a findings file).
    var candidate: UInt64 = 0

    static func mask(_ kinds: [FindingKind]) -> UInt16 {
        kinds.reduce(0) { $0 | 1 << UInt16($1.ordinal) }
    }
}
