import Foundation
import Logging
import SQLKit

/// Applies pending migrations in order, each in its own transaction, and records them.
public struct Migrator: Sendable {
    let store: any SQLStore
    let logger: Logger

    public init(store: any SQLStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Applies what is pending; returns the names applied now.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await store.withWriteConnection { database in
            try await database.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"
            ).run()
        }
        let applied = try await appliedNames()
        var done: [String] = []
        let kind = store.kind
        for migration in Migrations.all where !applied.contains(migration.name) {
            try await store.withWriteConnection { database in
                for statement in migration.statements(for: kind) {
                    try await database.raw(SQLQueryString(statement)).run()
                }
                let now = Int(Date().timeIntervalSince1970 * 1000)
                try await database.raw(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(bind: migration.name), \(bind: now))"
                ).run()
            }
            logger.info("Applied migration", metadata: ["migration.name": "\(migration.name)"])
            done.append(migration.name)
        }
        return done
    }

    /// Names of the migrations already applied.
    public func appliedNames() async throws -> Set<String> {
        let rows = try await store.read { database in
            try await database.raw("SELECT name FROM schema_migrations").all()
        }
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }

    /// Names of migrations not applied yet.
    public func pending() async throws -> [String] {
        let applied = try await appliedNames()
        return Migrations.all.map(\.name).filter { !applied.contains($0) }
    }
}
