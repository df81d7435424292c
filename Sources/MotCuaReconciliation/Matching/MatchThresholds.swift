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
    /// Automatic thresholds per field-presence pattern of a record (see ``patternNames``), calibrated on
    /// records masked to that pattern; `nil` entries (or no list) fall back to ``automatic``.
    public var automaticByPattern: [Double?]?
    /// When set, automatic links are decided per record instead of by ``automatic``: the log2 posterior
    /// odds that the best candidate is the person, against every alternative the search found (other
    /// candidates, blocks too large to search, the person not being in the register at all), must reach
    /// this many bits. `nil` keeps the score threshold (fixed thresholds given by hand).
    public var posteriorOdds: Double?
    /// The same per field-presence pattern; `nil` entries fall back to ``posteriorOdds``.
    public var posteriorOddsByPattern: [Double?]?

    /// What a record's pattern index means: which of date of birth and place it has.
    public static let patternNames = [
        "full date, place", "full date, no place", "birth year only, place", "birth year only, no place", "no date, place", "no date, no place",
    ]

    /// The automatic threshold for a record of pattern `pattern`.
    @inline(__always)
    func automatic(pattern: Int) -> Double {
        guard let byPattern = automaticByPattern, pattern < byPattern.count, let value = byPattern[pattern] else { return automatic }
        return value
    }

    /// The posterior-odds threshold for a record of pattern `pattern`, or nil when decisions use the score threshold.
    @inline(__always)
    func posteriorOdds(pattern: Int) -> Double? {
        guard let overall = posteriorOdds else { return nil }
        guard let byPattern = posteriorOddsByPattern, pattern < byPattern.count, let value = byPattern[pattern] else { return overall }
        return value
    }

    public init(automatic: Double, review: Double, margin: Double, conflict: Double, automaticByPattern: [Double?]? = nil,
        posteriorOdds: Double? = nil, posteriorOddsByPattern: [Double?]? = nil
    ) {
        self.automaticByPattern = automaticByPattern
        self.posteriorOdds = posteriorOdds
        self.posteriorOddsByPattern = posteriorOddsByPattern
        self.automatic = automatic
        self.review = review
        self.margin = margin
        self.conflict = conflict
    }
}
