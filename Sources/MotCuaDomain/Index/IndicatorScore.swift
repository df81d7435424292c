/// One indicator's result, with everything needed to explain it: the counts, the rate, the points and the rule.
public struct IndicatorScore: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Scored from the platform's data.
        case scored
        /// Shown (such as an average) but carries no points under a known rule.
        case informational
        case noData = "no_data"
        case notApplicable = "not_applicable"
    }

    public let indicator: IndexConfiguration.Indicator
    public let state: State
    public let numerator: Int?
    public let denominator: Int?
    /// The rate in 0…1 (for 5.4 the satisfaction rate; for 2.2 nil, see `averageHours`).
    public let rate: Double?
    public let averageHours: Double?
    /// Points earned out of `indicator.weight`; nil when not scored.
    public let points: Double?
    /// How this number was obtained, in Vietnamese and English (the rule, then the figures).
    public let explanationVi: String
    public let explanationEn: String
}

/// One group's result: the sum of its scored indicators.
public struct GroupScore: Sendable, Hashable {
    public let group: IndexConfiguration.Group
    public let indicators: [IndicatorScore]
    /// Points earned by the scored indicators.
    public let points: Double
    /// The weights of the indicators that could be scored (the rest have no data or do not apply here).
    public let scoredMaxPoints: Double
}

/// The whole index for one unit and period.
public struct IndexScore: Sendable, Hashable {
    public let groups: [GroupScore]
    public var points: Double { groups.map(\.points).reduce(0, +) }
    public var scoredMaxPoints: Double { groups.map(\.scoredMaxPoints).reduce(0, +) }
    public var maxPoints: Double { groups.map(\.group.maxPoints).reduce(0, +) }

    public func indicator(_ id: String) -> IndicatorScore? {
        groups.lazy.flatMap(\.indicators).first { $0.indicator.id == id }
    }
}
