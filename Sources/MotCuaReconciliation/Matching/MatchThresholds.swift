/// Score thresholds, in bits of match weight.
public struct MatchThresholds: Sendable, Hashable, Codable {
    /// At or above: automatic match (if the margin also holds and the surnames permit it).
    public var automatic: Double
    /// At or above (and below automatic): review by a data steward.
    public var review: Double
    /// Minimum lead of the best candidate over the runner-up for an automatic match.
    public var margin: Double
    /// Below this, a record's own ID is taken to point at another person.
    public var conflict: Double

    public init(automatic: Double, review: Double, margin: Double, conflict: Double) {
        self.automatic = automatic
        self.review = review
        self.margin = margin
        self.conflict = conflict
    }
}
