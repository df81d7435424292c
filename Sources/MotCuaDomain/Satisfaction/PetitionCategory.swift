/// What a complaint or petition (phản ánh, kiến nghị: PAKN) is about, as indicator 5.1 groups them:
/// administrative regulations, the handling of procedures, officials' conduct.
public enum PetitionCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case regulation
    case procedure
    case conduct
}

/// Where a PAKN stands. Submitted petitions are being handled; the officer answers, refuses (outside the
/// platform's remit or incomplete beyond repair) or asks the citizen once for a supplement; an answer is then
/// published without personal data.
public enum PetitionStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case submitted
    case supplementRequested = "supplement_requested"
    case answered
    case refused
    case published
}
