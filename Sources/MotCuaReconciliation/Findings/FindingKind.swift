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

extension FindingKind {
    /// The kind's position in `allCases`, without building that array (findings writers ask for it per finding).
    var ordinal: Int {
        switch self {
        case .consistentMatch: 0
        case .fieldDiscrepancy: 1
        case .legacyIDConversion: 2
        case .eventMissingFromRegister: 3
        case .duplicateInSource: 4
        case .idPointsAtAnotherPerson: 5
        case .reviewCandidate: 6
        case .noMatch: 7
        }
    }
}
