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
    /// Dossiers of demo activity written into a new demo database right after its demo accounts (a year ending
    /// at start-up, as `motcua demo populate` writes it); nil or 0 writes none. `motcua serve` sets it in demo
    /// mode (default 20,000); tests and other commands leave it unset. Env: MOTCUA_DEMO_POPULATE.
    public var demoPopulation: Int?
    public var tokenLifetime: TimeInterval = 8 * 3600
    /// Failed sign-ins before an account is locked, and for how long.
    public var lockoutThreshold = 5
    public var lockoutDuration: TimeInterval = 15 * 60
    public var maximumBodyBytes = 1 << 20
    /// Where scanned documents are kept (content-addressed files). Nil in the demo: a `documents` directory
    /// beside the SQLite file; production must name it (`MOTCUA_BLOB_DIR`), on storage that is backed up.
    public var blobDirectory: String?
    /// The largest scanned document accepted, in bytes (`MOTCUA_MAX_UPLOAD_BYTES`): an A4 page scanned at
    /// 300 dpi in colour is 1–3 MB as PDF or JPEG, so 25 MiB takes a ten-page scan with room to spare.
    public var maximumUploadBytes = 25 * 1_048_576
    /// All uploads together are read at most this fast (bytes per second), so scans never starve receipts.
    public var uploadBytesPerSecond = 48_000_000
    /// The largest ZIP file of a scanned register book uploaded at the desk (`MOTCUA_MAX_REGISTER_ZIP_BYTES`):
    /// a book of 500 pages at 3 MB a page is 1.5 GB, so 4 GiB; streamed to disk, never held in memory.
    public var maximumRegisterArchiveBytes = 4 << 30
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
    /// The deadline of one call to a national database (connection, request and whole answer)
    /// (`MOTCUA_REGISTRY_TIMEOUT_MS`). A call past it counts as a failure: a look-up is retried, an update
    /// request goes back to the outbox with its backoff.
    public var registryAttemptTimeout: Duration = .seconds(2)
    /// How often the background job retries look-ups that a national database could not answer.
    public var verificationInterval: Duration = .seconds(2)
    /// When update requests to the national registries (two-way sharing) are sent and retried.
    public var registryOutbox = RegistryOutboxSchedule()
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

    /// Demo (the default: embedded sandbox, demo accounts, loopback) or production (refuses unsafe settings).
    public var mode: Mode = .demo
    /// Files holding the token-signing keys; the first signs, all verify, so a key is rotated by putting the
    /// new one first and removing the old one once the tokens it signed have expired. Empty in the demo:
    /// a key is generated into `<keys directory>/token-signing.key`.
    public var tokenKeyFiles: [String] = []
    /// File holding the key that seals the dossier histories. Nil in the demo: generated into
    /// `<keys directory>/history.key`.
    public var historyKeyFile: String?
    /// Earlier history keys that still verify seals made with them, while a rotation is under way
    /// (`MOTCUA_HISTORY_PREVIOUS_KEY_FILES`, comma-separated); see docs/history-integrity.md.
    public var historyPreviousKeyFiles: [String] = []
    /// Where the checkpoint journals of the history chains are written: storage outside the database's
    /// reach (another volume, other administrators). Nil in the demo: a `checkpoints` directory beside the
    /// SQLite file.
    public var historyCheckpointDirectoryOverride: String?
    /// Seconds between checkpoints: a chain cut within this window after its last checkpoint goes unnoticed.
    public var historyCheckpointInterval: TimeInterval = 10
    /// The provincial CA that issues the leaders' signing certificates: its certificate and private key in PEM.
    /// Nil in the demo: a CA is created into `<keys directory>/ca` on first start.
    public var caCertificateFile: String?
    public var caPrivateKeyFile: String?
    /// File holding the key that encrypts the leaders' signing keys at rest. Nil in the demo: generated into
    /// `<keys directory>/signing.kek`.
    public var signingKeyEncryptionKeyFile: String?
    /// Days a leader's signing certificate issued by the platform stays valid.
    public var signingCertificateValidityDays = 365
    /// Where the demo keeps the keys it generates; nil means a `keys` directory beside the SQLite file.
    public var demoKeyDirectory: String?
    /// A session unused for this long ends; the token's own lifetime bounds it too.
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// How long a node trusts its cached answer that a session is valid (revocation by another node, or by
    /// the CLI, takes effect within this time).
    public var sessionCheckInterval: TimeInterval = 5
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses and CIDR ranges); none by default,
    /// and then the header is ignored.
    public var trustedProxies = TrustedProxies.none
    /// Failed sign-ins allowed per client address per ``signInWindow`` before 429.
    public var signInFailuresPerAddress = 10
    public var signInWindow: TimeInterval = 15 * 60
    /// Password checks that may wait for the hashing pool (one low-priority thread per four cores, about
    /// four checks a second each at cost 12), so a burst of officials arriving at 7:30 waits at most a few
    /// seconds; beyond that, sign-ins are refused at once with 503 rather than queued.
    public var passwordHashingQueue = 16
    /// The share of one core, in per cent, that password checks from addresses an account has not signed in from
    /// may use together (``HashingBudget``): what a flood of guesses from many addresses can take from the rest.
    public var passwordHashingPercent = 25

    /// The two ways to run the one binary.
    public enum Mode: String, Sendable {
        case demo
        case production
    }

    /// A file holding the token the metrics scraper sends (`Authorization: Bearer …`) to `GET /metrics`;
    /// without it only a signed-in operations monitor reads the metrics.
    public var metricsTokenFile: String?

    /// ``publicURL``, or this machine at the configured port.
    public var publicBaseURL: String { publicURL ?? "http://127.0.0.1:\(port)" }

    /// Where the e-ID provider sends the browser back; must be registered with the provider.
    public var eidRedirectURI: String { publicBaseURL + "/auth/eid/callback" }

    /// The directory for the demo's generated keys.
    public var keyDirectory: String {
        demoKeyDirectory ?? URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().appendingPathComponent("keys").path
    }

    /// ``historyCheckpointDirectoryOverride``, or the demo's `checkpoints` directory beside the SQLite file.
    public var historyCheckpointDirectory: String {
        historyCheckpointDirectoryOverride
            ?? URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().appendingPathComponent("checkpoints").path
    }

    /// ``blobDirectory``, or the demo's `documents` directory beside the SQLite file.
    public var documentDirectory: String {
        blobDirectory ?? URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().appendingPathComponent("documents").path
    }

    public init() {}

    /// Applies `MOTCUA_*` environment variables over the defaults. A value that does not parse stops
    /// start-up with the variable's name and the reason, rather than being silently ignored.
    public mutating func apply(environment: [String: String]) throws {
        let env = EnvironmentReader(environment)
        if let value = try env.text("MOTCUA_ENV") {
            guard let parsed = Mode(rawValue: value) else { throw ConfigurationError("MOTCUA_ENV", "expected demo or production, got '\(value)'") }
            mode = parsed
            if parsed == .production { seedDemoDataWhenEmpty = false }
        }
        if let value = try env.text("MOTCUA_HOST") { host = value }
        if let value = try env.integer("MOTCUA_PORT", in: 1...65_535) { port = value }
        if let value = try env.text("MOTCUA_DATABASE_URL") { databaseURL = value }
        if let value = try env.text("MOTCUA_SQLITE_PATH") { sqlitePath = value }
        if let value = try env.text("MOTCUA_DATA_DIR") { dataDirectory = value }
        if let value = try env.text("MOTCUA_IMPORT_DIR") { importDirectory = value }
        if let value = try env.text("MOTCUA_CALENDAR_DIR") { calendarDirectory = value }
        if let value = try env.text("MOTCUA_BLOB_DIR") { blobDirectory = value }
        if let value = try env.integer("MOTCUA_MAX_UPLOAD_BYTES", in: 1_024...(1 << 30)) { maximumUploadBytes = value }
        if let value = try env.integer("MOTCUA_MAX_REGISTER_ZIP_BYTES", in: 1_024...(1 << 36)) { maximumRegisterArchiveBytes = value }
        if let value = try env.integer("MOTCUA_UPLOAD_BYTES_PER_SECOND", in: 65_536...(1 << 34)) { uploadBytesPerSecond = value }
        if let value = try env.text("MOTCUA_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: value) else {
                throw ConfigurationError("MOTCUA_LOG_LEVEL", "expected trace, debug, info, notice, warning, error or critical, got '\(value)'")
            }
            logLevel = level
        }
        if let value = try env.integer("MOTCUA_POSTGRES_WRITE_LANES", in: 1...64) { postgresWriteLanes = value }
        if let value = try env.text("MOTCUA_REGISTRY_URL") { registryURL = try env.url("MOTCUA_REGISTRY_URL", value) }
        if let value = try env.integer("MOTCUA_REGISTRY_TIMEOUT_MS", in: 100...120_000) { registryAttemptTimeout = .milliseconds(value) }
        if let value = try env.integer("MOTCUA_SANDBOX_PEOPLE", in: 1...20_000_000) { sandboxPeople = value }
        if let value = try env.text("MOTCUA_SANDBOX_SEED") {
            guard let seed = UInt64(value) else { throw ConfigurationError("MOTCUA_SANDBOX_SEED", "expected a non-negative integer, got '\(value)'") }
            sandboxSeed = seed
        }
        if let value = try env.integer("MOTCUA_SANDBOX_PORT", in: 0...65_535) { sandboxPort = value }
        if let value = try env.text("MOTCUA_EID_ISSUER") { eidIssuerURL = try env.url("MOTCUA_EID_ISSUER", value) }
        if let value = try env.text("MOTCUA_EID_CLIENT_ID") { eidClientID = value }
        if let value = try env.text("MOTCUA_PUBLIC_URL") {
            let checked = try env.url("MOTCUA_PUBLIC_URL", value)
            publicURL = checked.hasSuffix("/") ? String(checked.dropLast()) : checked
        }
        if let value = try env.integer("MOTCUA_DEMO_POPULATE", in: 0...5_000_000) { demoPopulation = value }
        if let value = try env.text("MOTCUA_SEED_DEMO") {
            switch value {
            case "1", "true": seedDemoDataWhenEmpty = true
            case "0", "false": seedDemoDataWhenEmpty = false
            default: throw ConfigurationError("MOTCUA_SEED_DEMO", "expected 1, true, 0 or false, got '\(value)'")
            }
        }
        if let value = try env.text("MOTCUA_TOKEN_KEY_FILES") {
            tokenKeyFiles = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let value = try env.text("MOTCUA_HISTORY_KEY_FILE") { historyKeyFile = value }
        if let value = try env.text("MOTCUA_HISTORY_PREVIOUS_KEY_FILES") {
            historyPreviousKeyFiles = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let value = try env.text("MOTCUA_HISTORY_CHECKPOINT_DIR") { historyCheckpointDirectoryOverride = value }
        if let value = try env.integer("MOTCUA_HISTORY_CHECKPOINT_SECONDS", in: 1...3600) { historyCheckpointInterval = TimeInterval(value) }
        if let value = try env.text("MOTCUA_CA_CERT_FILE") { caCertificateFile = value }
        if let value = try env.text("MOTCUA_CA_KEY_FILE") { caPrivateKeyFile = value }
        if let value = try env.text("MOTCUA_SIGNING_KEK_FILE") { signingKeyEncryptionKeyFile = value }
        if let value = try env.integer("MOTCUA_SIGNING_CERT_DAYS", in: 1...3650) { signingCertificateValidityDays = value }
        if let value = try env.integer("MOTCUA_TOKEN_LIFETIME_MINUTES", in: 5...24 * 60) { tokenLifetime = TimeInterval(value * 60) }
        if let value = try env.integer("MOTCUA_SESSION_IDLE_MINUTES", in: 1...24 * 60) { sessionIdleTimeout = TimeInterval(value * 60) }
        if let value = try env.integer("MOTCUA_SIGNIN_FAILURES_PER_ADDRESS", in: 1...1_000_000) { signInFailuresPerAddress = value }
        if let value = try env.integer("MOTCUA_SIGNIN_HASHING_PERCENT", in: 1...400) { passwordHashingPercent = value }
        if let value = try env.text("MOTCUA_METRICS_TOKEN_FILE") { metricsTokenFile = value }
        if let value = try env.text("MOTCUA_TRUSTED_PROXIES") { trustedProxies = try TrustedProxies(parsing: value) }
    }
}

/// Reads `MOTCUA_*` variables, naming the variable in every error.
private struct EnvironmentReader {
    let environment: [String: String]

    init(_ environment: [String: String]) {
        self.environment = environment
    }

    /// The value, nil when unset or empty (an empty value means "use the default").
    func text(_ name: String) throws -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ConfigurationError(name, "contains a control character")
        }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try text(name) else { return nil }
        guard let number = Int(value) else { throw ConfigurationError(name, "expected a whole number, got '\(value)'") }
        guard range.contains(number) else {
            throw ConfigurationError(name, "must be between \(range.lowerBound) and \(range.upperBound), got \(number)")
        }
        return number
    }

    func url(_ name: String, _ value: String) throws -> String {
        guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigurationError(name, "expected an http:// or https:// URL, got '\(value)'")
        }
        return value
    }
}
