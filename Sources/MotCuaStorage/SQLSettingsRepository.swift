import SQLKit

/// Small key-value settings that must survive restarts (for example the token-signing key).
public struct SQLSettingsRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    public func value(for key: String) async throws -> String? {
        try await store.read { database in
            try await database.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?
                .decode(column: "value", as: String.self)
        }
    }

    /// Stores `value` unless the key exists; returns the value now stored (first writer wins).
    public func valueInsertingIfAbsent(_ value: String, for key: String) async throws -> String {
        try await store.write(lane: "settings") { database in
            try await database.raw(
                "INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value)) ON CONFLICT (key) DO NOTHING"
            ).run()
            return try await database.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()!
                .decode(column: "value", as: String.self)
        }
    }
}
