import ArgumentParser
import Foundation
import Logging
import MotCuaApp

/// Options every command shares: where the data lives.
struct CommonOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL (postgres://user:pass@host:5432/db). Default: embedded SQLite. Env: MOTCUA_DATABASE_URL.")
    var databaseURL: String?

    @Option(help: "SQLite database file, used when no PostgreSQL URL is given. Env: MOTCUA_SQLITE_PATH.")
    var sqlitePath: String?

    @Option(help: "Directory replacing the bundled reference data (agencies.json, catalogue/, calendar/). Env: MOTCUA_DATA_DIR.")
    var dataDir: String?

    @Option(help: "Directory of extra holiday files merged over the bundled calendar. Env: MOTCUA_CALENDAR_DIR.")
    var calendarDir: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(help: "Run as the production service: refuse the demo sandbox, demo accounts and unsafe settings. Env: MOTCUA_ENV=production.")
    var production = false

    /// Defaults, then environment, then command-line options. Files the platform creates from here on
    /// (the SQLite database, generated keys) are readable by their owner only.
    func configuration() throws -> AppConfiguration {
        umask(0o077)
        var configuration = AppConfiguration()
        configuration.sqlitePath = "var/motcua.sqlite"
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        do { try configuration.limits.apply(environment: ProcessInfo.processInfo.environment) } catch { throw ValidationError(error.description) }
        if production {
            configuration.mode = .production
            configuration.seedDemoDataWhenEmpty = ProcessInfo.processInfo.environment["MOTCUA_SEED_DEMO"].map { $0 == "1" || $0 == "true" } ?? false
        }
        if let databaseURL { configuration.databaseURL = databaseURL }
        if let sqlitePath { configuration.sqlitePath = sqlitePath }
        if let dataDir { configuration.dataDirectory = dataDir }
        if let calendarDir { configuration.calendarDirectory = calendarDir }
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown log level '\(logLevel)'") }
            configuration.logLevel = level
        }
        return configuration
    }

    func logger(_ configuration: AppConfiguration) -> Logger {
        var logger = Logger(label: "motcua")
        logger.logLevel = configuration.logLevel
        return logger
    }
}
