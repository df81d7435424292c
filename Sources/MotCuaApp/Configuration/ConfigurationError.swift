/// A configuration value that cannot be used: start-up stops and names the setting and the reason.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The environment variable or option, e.g. `MOTCUA_PORT`.
    public let setting: String
    public let reason: String

    public init(_ setting: String, _ reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "\(setting): \(reason)" }
}
