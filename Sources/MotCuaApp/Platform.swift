import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import PostgresNIO

/// The platform's long-lived parts, shared by the HTTP server and the CLI commands: reference data, the
/// database and the repositories over it.
public struct Platform: Sendable {
    public let configuration: AppConfiguration
    public let reference: ReferenceData
    public let store: any SQLStore
    public let dossiers: SQLDossierRepository
    public let officials: SQLOfficialRepository
    public let settings: SQLSettingsRepository
    public let sessions: SQLSessionRepository
    /// Keys kept outside the database: token signing and history sealing.
    let keys: PlatformKeys
    public let idempotency: SQLIdempotencyStore
    public let worklist: SQLWorklistRepository
    public let results: SQLResultRepository
    /// The provincial CA, the key that seals leaders' signing keys, and their stored certificates.
    let signing: SigningAuthority
    public let logger: Logger
    /// The PostgreSQL pool, which must run as a service while the platform is used; nil on SQLite.
    public let postgresClient: PostgresClient?

    /// Loads reference data and opens the database named by the configuration.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> Platform {
        let keys = try PlatformKeys.load(configuration)
        let reference = try ReferenceData.load(
            dataDirectory: configuration.dataDirectory, calendarDirectory: configuration.calendarDirectory)
        let store: any SQLStore
        var client: PostgresClient?
        if let url = configuration.databaseURL {
            guard PostgresURL(url) != nil else { throw ConfigurationError("MOTCUA_DATABASE_URL", StoreError.invalidURL.description) }
            let postgres = try PostgresStore(url: url, lanes: configuration.postgresWriteLanes, logger: logger)
            client = postgres.client
            store = postgres
        } else {
            let directory = URL(fileURLWithPath: configuration.sqlitePath).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try await SQLiteStore.open(path: configuration.sqlitePath, logger: logger)
        }
        let signing: SigningAuthority
        do {
            signing = try SigningAuthority.load(configuration, credentials: SQLSigningCredentialRepository(store: store))
        } catch {
            // An open store must be closed before it is released (sqlite-nio traps otherwise).
            await store.close()
            throw error
        }
        return Platform(
            configuration: configuration, reference: reference, store: store,
            dossiers: SQLDossierRepository(store: store, seal: HistorySeal(key: keys.history.key)),
            officials: SQLOfficialRepository(store: store), settings: SQLSettingsRepository(store: store),
            sessions: SQLSessionRepository(store: store), keys: keys,
            idempotency: SQLIdempotencyStore(store: store), worklist: SQLWorklistRepository(store: store),
            results: SQLResultRepository(store: store), signing: signing, logger: logger, postgresClient: client)
    }

    /// Opens the platform, runs the PostgreSQL pool if any for the duration of `body`, then closes.
    /// For CLI commands; the server adds the pool to its service group instead.
    public static func withPlatform<T: Sendable>(
        _ configuration: AppConfiguration, logger: Logger, _ body: @escaping @Sendable (Platform) async throws -> T
    ) async throws -> T {
        let platform = try await open(configuration, logger: logger)
        do {
            let result = try await run(platform, body)
            await platform.store.close()
            return result
        } catch {
            await platform.store.close()
            throw error
        }
    }

    private static func run<T: Sendable>(_ platform: Platform, _ body: @escaping @Sendable (Platform) async throws -> T) async throws -> T {
        guard let client = platform.postgresClient else { return try await body(platform) }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask { try await body(platform) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }

    /// Applies pending migrations, then anchors with the history key the chains written before it existed.
    @discardableResult
    public func migrate() async throws -> [String] {
        let applied = try await Migrator(store: store, logger: logger).migrate()
        // Once per database: from then on every entry is written sealed, so there is nothing more to anchor,
        // and start-up need not scan the histories again.
        if try await settings.value(for: Self.anchoredSetting) == nil {
            let anchored = try await dossiers.anchorUnsealedHistory(seal: historySeal, at: Date())
            if anchored > 0 { logger.info("Histories anchored with the history key", metadata: ["dossiers": "\(anchored)"]) }
            _ = try await settings.valueInsertingIfAbsent(ISO8601DateFormatter().string(from: Date()), for: Self.anchoredSetting)
        }
        return applied
    }

    /// Set when the chains written before the history key have been anchored.
    static let anchoredSetting = "history-anchored-at"

    /// Seals and checks the history chains with the key kept outside the database.
    public var historySeal: HistorySeal { HistorySeal(key: keys.history.key) }
}

/// The platform's secret keys, read from files (production) or generated into owner-only files (demo).
struct PlatformKeys: Sendable {
    /// Token-signing keys; the first signs.
    let token: [KeyFile]
    let history: KeyFile

    static func load(_ configuration: AppConfiguration) throws -> PlatformKeys {
        switch configuration.mode {
        case .production:
            guard !configuration.tokenKeyFiles.isEmpty else {
                throw ConfigurationError("MOTCUA_TOKEN_KEY_FILES", "production needs token-signing keys read from files")
            }
            guard let history = configuration.historyKeyFile else {
                throw ConfigurationError("MOTCUA_HISTORY_KEY_FILE", "production needs the history key read from a file")
            }
            return PlatformKeys(
                token: try configuration.tokenKeyFiles.map { try KeyFile.load(path: $0, setting: "MOTCUA_TOKEN_KEY_FILES") },
                history: try KeyFile.load(path: history, setting: "MOTCUA_HISTORY_KEY_FILE"))
        case .demo:
            let directory = URL(fileURLWithPath: configuration.keyDirectory)
            let token = configuration.tokenKeyFiles.isEmpty
                ? [try KeyFile.loadOrGenerate(path: directory.appendingPathComponent("token-signing.key").path, setting: "MOTCUA_TOKEN_KEY_FILES")]
                : try configuration.tokenKeyFiles.map { try KeyFile.load(path: $0, setting: "MOTCUA_TOKEN_KEY_FILES") }
            let history = try configuration.historyKeyFile.map { try KeyFile.load(path: $0, setting: "MOTCUA_HISTORY_KEY_FILE") }
                ?? KeyFile.loadOrGenerate(path: directory.appendingPathComponent("history.key").path, setting: "MOTCUA_HISTORY_KEY_FILE")
            return PlatformKeys(token: token, history: history)
        }
    }
}
