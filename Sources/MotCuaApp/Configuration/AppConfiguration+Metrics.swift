import Foundation

extension AppConfiguration {
    /// The scrape token read from ``metricsTokenFile``, or `nil` when none is configured. A file that cannot be
    /// read or holds a short token stops start-up, naming the setting.
    func metricsScrapeToken() throws -> String? {
        guard let path = metricsTokenFile else { return nil }
        let token: String
        do {
            token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ConfigurationError("MOTCUA_METRICS_TOKEN_FILE", "cannot read \(path)")
        }
        guard token.utf8.count >= 32 else {
            throw ConfigurationError("MOTCUA_METRICS_TOKEN_FILE", "the token in \(path) must be at least 32 characters")
        }
        return token
    }
}
