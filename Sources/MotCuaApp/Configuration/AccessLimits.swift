import Foundation

/// Per-account limits that keep one account from using more than its share of people's data or of shared
/// counters. Defaults suit a counter serving a queue; a province tunes them with `MOTCUA_*` variables.
public struct AccessLimits: Sendable, Hashable {
    /// National-data look-ups (profile, insurance) one official may make per minute and per day.
    public var lookUpsPerMinute = 20
    public var lookUpsPerDay = 400
    /// Online dossiers one citizen account may submit per day (Vietnam time).
    public var submissionsPerCitizenPerDay = 10
    /// Public result verifications per client address per minute (a bank checking documents stays well under).
    public var verificationsPerMinute = 300

    public init() {}

    /// A variable that is set but not a positive whole number.
    public struct InvalidValue: Error, CustomStringConvertible {
        public let name: String
        public let value: String
        public var description: String { "\(name)=\(value): expected a whole number of at least 1" }
    }

    /// Applies `MOTCUA_LOOKUPS_PER_MINUTE`, `MOTCUA_LOOKUPS_PER_DAY` and `MOTCUA_SUBMISSIONS_PER_DAY`.
    public mutating func apply(environment: [String: String]) throws(InvalidValue) {
        func read(_ name: String, into value: inout Int) throws(InvalidValue) {
            guard let raw = environment[name] else { return }
            guard let parsed = Int(raw.trimmingCharacters(in: .whitespaces)), parsed >= 1 else { throw InvalidValue(name: name, value: raw) }
            value = parsed
        }
        try read("MOTCUA_LOOKUPS_PER_MINUTE", into: &lookUpsPerMinute)
        try read("MOTCUA_LOOKUPS_PER_DAY", into: &lookUpsPerDay)
        try read("MOTCUA_SUBMISSIONS_PER_DAY", into: &submissionsPerCitizenPerDay)
        try read("MOTCUA_VERIFICATIONS_PER_MINUTE", into: &verificationsPerMinute)
    }
}
