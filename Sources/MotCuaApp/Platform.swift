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
            dossiers: SQLDossierRepository(
                store: store, seal: keys.historySeal,
                checkpoints: HistoryCheckpointJournal(directory: configuration.historyCheckpointDirectory, seal: keys.historySeal)),
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
            // What a command wrote is checkpointed before it exits, like the server does at intervals.
            try platform.checkpointHistory()
            await platform.store.close()
            return result
        } catch {
            try? platform.checkpointHistory()
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
    public var historySeal: HistorySeal { keys.historySeal }

    /// Writes out the history heads recorded since the last checkpoint (the server does it every
    /// ``AppConfiguration/historyCheckpointInterval``; CLI commands that write dossiers do it before they exit).
    public func checkpointHistory() throws {
        // On the calling thread: at the end of a command the task may be cancelled, and this is its last write.
        try dossiers.checkpoints?.flushNow()
    }

    /// What a history key rotation did.
    public enum HistoryKeyRotation: Sendable {
        /// The history does not verify with the ring: nothing was vouched for with the new key.
        case refused([(code: String, chainBreak: ChainBreak)])
        case rotated(key: String, anchored: Int, carried: Int, retired: Int)
    }

    /// Moves what the ring's earlier keys vouch for onto the sealing key: verifies every chain and checkpoint
    /// with the whole ring, anchors each chain head with the sealing key, re-records the heads of journals
    /// written under earlier keys in this process's journal and renames those files `*.retired`.
    /// Afterwards the earlier keys are needed for nothing.
    public func rotateHistoryKey() async throws -> HistoryKeyRotation {
        let seal = historySeal
        let ledger = try await historyCheckpoints()
        let audit = try await dossiers.verifyHistory(seal: seal, checkpoints: ledger, progress: nil)
        guard audit.breaks.isEmpty else { return .refused(audit.breaks) }
        let anchored = try await dossiers.anchorHeadsWithSealingKey(seal: seal, at: Date(), progress: nil)
        let retired = ledger.journals.filter { !ledger.current.contains($0) }
        guard !retired.isEmpty, let journal = dossiers.checkpoints else {
            return .rotated(key: seal.sealingKeyIdentifier, anchored: anchored, carried: 0, retired: 0)
        }
        // Bounded records: a province's heads would not fit one line.
        let heads = Array(ledger.heads.values)
        for start in stride(from: 0, to: heads.count, by: 50_000) {
            journal.record(heads: heads[start..<min(start + 50_000, heads.count)])
            try await journal.flush()
        }
        let directory = configuration.historyCheckpointDirectory
        try await BlockingFileWork.run {
            for name in retired {
                let path = directory + "/" + name + ".jsonl"
                try FileManager.default.moveItem(atPath: path, toPath: path + ".retired")
            }
        }
        return .rotated(key: seal.sealingKeyIdentifier, anchored: anchored, carried: heads.count, retired: retired.count)
    }

    /// What the checkpoint journals say, checked with the key ring.
    public func historyCheckpoints() async throws -> HistoryCheckpointLedger {
        let directory = configuration.historyCheckpointDirectory
        let seal = historySeal
        return try await BlockingFileWork.run { try HistoryCheckpointLedger.read(directory: directory, seal: seal) }
    }
}

/// The platform's secret keys, read from files (production) or generated into owner-only files (demo).
struct PlatformKeys: Sendable {
    /// Token-signing keys; the first signs.
    let token: [KeyFile]
    let history: KeyFile
    /// Earlier history keys, still accepted while a rotation is under way.
    var previousHistory: [KeyFile] = []

    /// The history key ring: the current key seals, all verify.
    var historySeal: HistorySeal { HistorySeal(keys: [history.key] + previousHistory.map(\.key)) }

    static func load(_ configuration: AppConfiguration) throws -> PlatformKeys {
        var keys = try loadCurrent(configuration)
        keys.previousHistory = try configuration.historyPreviousKeyFiles.map {
            try KeyFile.load(path: $0, setting: "MOTCUA_HISTORY_PREVIOUS_KEY_FILES")
        }
        return keys
    }

    private static func loadCurrent(_ configuration: AppConfiguration) throws -> PlatformKeys {
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
