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
    public let idempotency: SQLIdempotencyStore
    public let worklist: SQLWorklistRepository
    public let logger: Logger
    /// The PostgreSQL pool, which must run as a service while the platform is used; nil on SQLite.
    public let postgresClient: PostgresClient?

    /// Loads reference data and opens the database named by the configuration.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> Platform {
        let reference = try ReferenceData.load(
            dataDirectory: configuration.dataDirectory, calendarDirectory: configuration.calendarDirectory)
        let store: any SQLStore
        var client: PostgresClient?
        if let url = configuration.databaseURL {
            let postgres = try PostgresStore(url: url, lanes: configuration.postgresWriteLanes, logger: logger)
            client = postgres.client
            store = postgres
        } else {
            let directory = URL(fileURLWithPath: configuration.sqlitePath).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try await SQLiteStore.open(path: configuration.sqlitePath, logger: logger)
        }
        return Platform(
            configuration: configuration, reference: reference, store: store, dossiers: SQLDossierRepository(store: store),
            officials: SQLOfficialRepository(store: store), settings: SQLSettingsRepository(store: store),
            idempotency: SQLIdempotencyStore(store: store), worklist: SQLWorklistRepository(store: store), logger: logger, postgresClient: client)
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

    /// Applies pending migrations.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await Migrator(store: store, logger: logger).migrate()
    }

    /// The installation's token-signing key, created on first use.
    func signingKey() async throws -> Data {
        var random = SystemRandomNumberGenerator()
        let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString()
        let stored = try await settings.valueInsertingIfAbsent(fresh, for: "token-signing-key")
        guard let key = Data(base64Encoded: stored), key.count >= 32 else {
            throw ReferenceDataError(file: "settings", reason: "token-signing-key is damaged")
        }
        return key
    }
}
