import Foundation
import Logging
import MotCuaDomain
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaStorage

@Suite("Multi-row inserts")
struct InsertRowsTests {
    @Test("Rows beyond one statement's bound-value limit are split into several statements, every value bound", arguments: TestDatabase.backends)
    func splitsLargeInserts(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await store.withWriteConnection { try await $0.raw("CREATE TABLE insert_rows_probe (n INTEGER NOT NULL, label TEXT)").run() }
            // Two columns: 15,000 rows fill one statement (30,000 bound values), so this takes three.
            let count = 2 * 15_000 + 7
            let rows = (0..<count).map { n -> [any Encodable & Sendable] in [n, n % 3 == 0 ? nil : "'; DROP TABLE x; -- \(n)"] }
            try await store.write(lane: "test") { database in
                try await database.insertRows(into: "insert_rows_probe", columns: ["n", "label"], rows: rows)
            }
            let stored = try await store.read { database in
                try await database.raw("SELECT COUNT(*) AS c, SUM(n) AS s, COUNT(label) AS l FROM insert_rows_probe").first()
            }
            #expect(try stored?.decode(column: "c", as: Int.self) == count)
            #expect(try stored?.decode(column: "s", as: Int.self) == count * (count - 1) / 2)
            #expect(try stored?.decode(column: "l", as: Int.self) == count - (count + 2) / 3)
        }
    }

    @Test("Rows that would repeat a unique key are skipped when asked, keeping the first; the others are inserted", arguments: TestDatabase.backends)
    func skipsConflictsWhenAsked(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await store.withWriteConnection { try await $0.raw("CREATE TABLE insert_rows_keys (k TEXT PRIMARY KEY, v BIGINT NOT NULL)").run() }
            try await store.write(lane: "test") { database in
                try await database.insertRows(into: "insert_rows_keys", columns: ["k", "v"], rows: [["a", 1], ["b", 2]])
                try await database.insertRows(
                    into: "insert_rows_keys", columns: ["k", "v"], rows: [["b", 20], ["c", 3], ["c", 30]], onConflictDoNothing: true)
            }
            let rows = try await store.read { try await $0.raw("SELECT k, v FROM insert_rows_keys ORDER BY k").all() }
            #expect(try rows.map { try $0.decode(column: "k", as: String.self) } == ["a", "b", "c"])
            #expect(try rows.map { try $0.decode(column: "v", as: Int.self) } == [1, 2, 3])
            // Without being asked, a repeated key fails the write and nothing of it stays.
            await #expect(throws: (any Error).self) {
                try await store.write(lane: "test") { database in
                    try await database.insertRows(into: "insert_rows_keys", columns: ["k", "v"], rows: [["d", 4], ["a", 5]])
                }
            }
            let count = try await store.read { try await $0.raw("SELECT COUNT(*) AS n FROM insert_rows_keys").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 3)
        }
    }

    @Test("A large write gets a large page cache for its transaction and gives it back, also when it fails", arguments: TestDatabase.backends)
    func largeWritesGiveTheCacheBack(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await store.withWriteConnection { try await $0.raw("CREATE TABLE insert_rows_large (n INTEGER NOT NULL, body TEXT NOT NULL)").run() }
            let cacheSize: @Sendable (any SQLDatabase) async throws -> Int? = { database in
                guard database.dialect.name == "sqlite" else { return nil }
                return try await database.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
            }
            let before = try await store.withWriteConnection(cacheSize)
            let rows = (0..<20_000).map { n -> [any Encodable & Sendable] in [n, String(repeating: "x", count: 200) + String(n)] }
            let during = try await store.withWriteConnection { database in
                try await database.withLargeCache(memory: 64 << 20) {
                    try await database.insertRows(into: "insert_rows_large", columns: ["n", "body"], rows: rows)
                    return try await cacheSize(database)
                }
            }
            await #expect(throws: (any Error).self) {
                try await store.withWriteConnection { database in
                    try await database.withLargeCache(memory: 64 << 20) {
                        try await database.insertRows(into: "insert_rows_large", columns: ["n", "body"], rows: rows)
                        try await database.raw("SELECT no_such_column FROM insert_rows_large").run()
                    }
                }
            }
            #expect(try await store.withWriteConnection(cacheSize) == before)
            if backend == .sqlite { #expect(during == -65_536) } else { #expect(during == nil) }
            let count = try await store.read { try await $0.raw("SELECT COUNT(*) AS n FROM insert_rows_large").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 20_000)
        }
    }
}
