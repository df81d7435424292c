import Foundation
import Logging
import MotCuaStorage
import PostgresNIO

/// A database for one test: a new SQLite file, or a new PostgreSQL database on the server named by
/// `MOTCUA_TEST_POSTGRES_URL` (CI starts one). Suites take `TestDatabase.backends` as arguments, so the
/// same tests run on both engines whenever PostgreSQL is available.
public enum TestDatabase: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// SQLite always; PostgreSQL when configured.
    public static var backends: [TestDatabase] {
        ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    /// Where the new database is.
    public enum Location: Sendable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    /// Creates an empty database and returns where it is.
    public func make() async throws -> Location {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-tests", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .sqlite(path: directory.appendingPathComponent(UUID().uuidString + ".sqlite").path)
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"],
                var components = URLComponents(string: base), let host = components.host, let user = components.user
            else { throw TestDatabaseError.notConfigured }
            let name = "motcua_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let configuration = PostgresClient.Configuration(
                host: host, port: components.port ?? 5432, username: user, password: components.password,
                database: components.path.isEmpty ? nil : String(components.path.dropFirst()), tls: .disable)
            let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test-db"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                try await client.query("CREATE DATABASE \(unescaped: String(name))")
                group.cancelAll()
            }
            components.path = "/" + name
            return .postgres(url: components.string!)
        }
    }

    /// Opens a store on a new database, runs `body`, and closes it.
    public func withStore<T: Sendable>(_ body: @Sendable (any SQLStore) async throws -> T) async throws -> T {
        let logger = Logger(label: "test")
        switch try await make() {
        case .sqlite(let path):
            defer { Self.removeSQLite(at: path) }
            let store = try await SQLiteStore.open(path: path, logger: logger)
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        case .postgres(let url):
            let store = try PostgresStore(url: url, logger: logger)
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    await store.client.run()
                    return nil
                }
                defer { group.cancelAll() }
                let result = try await body(store)
                return result
            }
        }
    }
}

extension TestDatabase {
    /// Removes a test's SQLite database with its write-ahead log and shared-memory files.
    public static func removeSQLite(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// The test environment lacks what a test needs.
public enum TestDatabaseError: Error {
    case notConfigured
}
