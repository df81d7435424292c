import Foundation

/// The groups and indicators of the Decision 766 index as this platform scores them, read from
/// `Resources/index/decision-766.json`: each weight and threshold carries its source and whether it was verified
/// against an official text, so the screens can say "weight unverified" where it was not.
public struct IndexConfiguration: Sendable, Codable, Hashable {
    /// One of the five groups (their maxima 18/20/22/22/18 are in the decision itself).
    public struct Group: Sendable, Codable, Hashable {
        public let id: String
        public let nameVi: String
        public let nameEn: String
        public let maxPoints: Double
        public let source: String
        public let indicators: [Indicator]
    }

    /// One indicator: how many of its group's points it carries, and from which rate it earns them all.
    public struct Indicator: Sendable, Codable, Hashable {
        public let id: String
        public let nameVi: String
        public let nameEn: String
        /// Points of the group this indicator carries.
        public let weight: Double
        public let weightVerified: Bool
        public let weightSource: String
        /// The rate (0…1) that earns the full weight; below it points are rate × weight ÷ threshold. Nil: rate × weight.
        public let fullScoreThreshold: Double?
        public let thresholdSource: String?
        public let ruleVi: String
        public let ruleEn: String
    }

    public let decision: String
    public let note: String
    public let groups: [Group]

    /// Every indicator, in group order.
    public var indicators: [Indicator] { groups.flatMap(\.indicators) }

    /// The indicator with this id (such as "2.1").
    public func indicator(id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// Decodes and checks the file: unique ids, weights within each group's maximum, thresholds in (0, 1].
    public static func load(_ data: Data, source: String) throws -> IndexConfiguration {
        let configuration: IndexConfiguration
        do {
            configuration = try JSONDecoder().decode(IndexConfiguration.self, from: data)
        } catch {
            throw IndexConfigurationError.unreadable(source: source, reason: "\(error)")
        }
        var seen = Set<String>()
        for group in configuration.groups {
            let total = group.indicators.map(\.weight).reduce(0, +)
            guard total <= group.maxPoints + 1e-9 else {
                throw IndexConfigurationError.invalid(source: source, reason: "group \(group.id): weights \(total) exceed \(group.maxPoints)")
            }
            for indicator in group.indicators {
                guard seen.insert(indicator.id).inserted else {
                    throw IndexConfigurationError.invalid(source: source, reason: "indicator \(indicator.id) appears twice")
                }
                guard indicator.weight >= 0 else {
                    throw IndexConfigurationError.invalid(source: source, reason: "indicator \(indicator.id): negative weight")
                }
                if let threshold = indicator.fullScoreThreshold, !(threshold > 0 && threshold <= 1) {
                    throw IndexConfigurationError.invalid(source: source, reason: "indicator \(indicator.id): threshold \(threshold) outside (0, 1]")
                }
            }
        }
        return configuration
    }
}

/// The index configuration file could not be used.
public enum IndexConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(source: String, reason: String)
    case invalid(source: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let source, let reason): "\(source): unreadable index configuration: \(reason)"
        case .invalid(let source, let reason): "\(source): invalid index configuration: \(reason)"
        }
    }
}
