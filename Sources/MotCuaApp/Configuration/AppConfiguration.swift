import Foundation
import Logging

/// Everything the platform reads at start-up. Built from command-line options and `MOTCUA_*` environment
/// variables by the CLI, or directly by tests.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// PostgreSQL URL; when nil, the embedded SQLite file at `sqlitePath` is used.
    public var databaseURL: String?
    public var sqlitePath = "motcua.sqlite"
    /// A directory holding `agencies.json`, `catalogue/` and `calendar/` that replaces the bundled data.
    public var dataDirectory: String?
    /// Extra holiday files (`*.json`) merged over the bundled calendar, so a new year's notice needs no rebuild.
    public var calendarDirectory: String?
    /// Create demo accounts when the database has no official yet.
    public var seedDemoDataWhenEmpty = true
    public var tokenLifetime: TimeInterval = 8 * 3600
    /// Failed sign-ins before an account is locked, and for how long.
    public var lockoutThreshold = 5
    public var lockoutDuration: TimeInterval = 15 * 60
    public var maximumBodyBytes = 1 << 20
    /// Where data stewards place CSV files for reconciliation runs started over the API.
    public var importDirectory = "var/import"
    /// Parallel write queues on PostgreSQL. One lane, whose batches combine receipts into multi-row
    /// statements, gave the best tail latency on 2 cores (BENCHMARKS.md); more lanes add throughput.
    public var postgresWriteLanes = 1
    /// Base URL of the national databases' gateway; when nil, `serve` starts the bundled sandbox inside the
    /// process on a loopback port and talks to it over HTTP, the same path production takes.
    public var registryURL: String?
    /// People in the embedded sandbox (Bắc Ninh has about 3.6 million; fewer start faster).
    public var sandboxPeople = 100_000
    public var sandboxSeed: UInt64 = 24
    /// How often the background job retries look-ups that a national database could not answer.
    public var verificationInterval: Duration = .seconds(2)
    public var logLevel: Logger.Level = .info
    /// bcrypt cost for new passwords; tests lower it to stay fast.
    public var bcryptCost: UInt8 = 12
    /// The national e-ID provider's issuer (e.g. the sandbox's `http://127.0.0.1:8081/eid`). With the embedded
    /// sandbox it defaults to the sandbox's own provider; with an external registry and no issuer, citizens
    /// cannot sign in.
    public var eidIssuerURL: String?
    /// Loopback port of the embedded sandbox (registry and e-ID provider); 0 picks a free one.
    public var sandboxPort = 8081
    /// This platform's client ID at the e-ID provider.
    public var eidClientID = "motcua"
    /// The address browsers reach the platform at, without a trailing slash; the e-ID redirect URI is built on
    /// it. Nil means this machine at the configured port.
    public var publicURL: String?
    /// Per-account quotas on look-ups and online submissions.
    public var limits = AccessLimits()

    /// ``publicURL``, or this machine at the configured port.
    public var publicBaseURL: String { publicURL ?? "http://127.0.0.1:\(port)" }

    /// Where the e-ID provider sends the browser back; must be registered with the provider.
    public var eidRedirectURI: String { publicBaseURL + "/auth/eid/callback" }

    public init() {}

    /// Applies `MOTCUA_*` environment variables over the defaults.
    public mutating func apply(environment: [String: String]) {
        if let value = environment["MOTCUA_HOST"] { host = value }
        if let value = environment["MOTCUA_PORT"].flatMap(Int.init) { port = value }
        if let value = environment["MOTCUA_DATABASE_URL"], !value.isEmpty { databaseURL = value }
        if let value = environment["MOTCUA_SQLITE_PATH"] { sqlitePath = value }
        if let value = environment["MOTCUA_DATA_DIR"] { dataDirectory = value }
        if let value = environment["MOTCUA_IMPORT_DIR"] { importDirectory = value }
        if let value = environment["MOTCUA_CALENDAR_DIR"] { calendarDirectory = value }
        if let value = environment["MOTCUA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { logLevel = value }
        if let value = environment["MOTCUA_POSTGRES_WRITE_LANES"].flatMap(Int.init), value > 0 { postgresWriteLanes = value }
        if let value = environment["MOTCUA_REGISTRY_URL"], !value.isEmpty { registryURL = value }
        if let value = environment["MOTCUA_SANDBOX_PEOPLE"].flatMap(Int.init), value > 0 { sandboxPeople = value }
        if let value = environment["MOTCUA_SANDBOX_SEED"].flatMap(UInt64.init) { sandboxSeed = value }
        if let value = environment["MOTCUA_SANDBOX_PORT"].flatMap(Int.init), (0...65_535).contains(value) { sandboxPort = value }
        if let value = environment["MOTCUA_EID_ISSUER"], !value.isEmpty { eidIssuerURL = value }
        if let value = environment["MOTCUA_EID_CLIENT_ID"], !value.isEmpty { eidClientID = value }
        if let value = environment["MOTCUA_PUBLIC_URL"], !value.isEmpty {
            publicURL = value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        if let value = environment["MOTCUA_SEED_DEMO"] { seedDemoDataWhenEmpty = value != "0" && value != "false" }
    }
}
