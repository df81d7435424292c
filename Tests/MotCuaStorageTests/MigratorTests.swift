import Logging
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigratorTests {
    @Test("Migrating twice applies every step once and reports nothing pending", arguments: TestDatabase.backends)
    func migratingTwiceIsIdempotent(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            let migrator = Migrator(store: store, logger: Logger(label: "test"))
            let first = try await migrator.migrate()
            let second = try await migrator.migrate()
            #expect(!first.isEmpty)
            #expect(second.isEmpty)
            #expect(try await migrator.pending().isEmpty)
        }
    }

    @Test("History rows cannot be updated or deleted, even with raw SQL", arguments: TestDatabase.backends)
    func historyIsAppendOnlyInTheEngine(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.withWriteConnection { database in
                try await database.raw(
                    """
                    INSERT INTO dossier_history (dossier_id, seq, action, actor_id, actor_role, at, status_after, step_after, previous_hash, hash) \
                    VALUES ('d', 1, 'receive', 'a', 'r', 0, 2, 'receipt', 'p', 'h')
                    """
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await store.withWriteConnection { database in
                    try await database.raw("UPDATE dossier_history SET note = 'changed'").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await store.withWriteConnection { database in
                    try await database.raw("DELETE FROM dossier_history").run()
                }
            }
            let count = try await store.read { database in
                try await database.raw("SELECT COUNT(*) AS n FROM dossier_history").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 1)
        }
    }
}
