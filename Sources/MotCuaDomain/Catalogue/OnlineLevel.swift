/// How far a procedure can be done online (the national "toàn trình" / "một phần" classification).
public enum OnlineLevel: String, Sendable, Codable, Hashable, CaseIterable {
    /// Full online service: submission, payment and result without visiting an office.
    case full
    /// Partial online service: submitted online, but some step (usually collecting the result) is in person.
    case partial
}
