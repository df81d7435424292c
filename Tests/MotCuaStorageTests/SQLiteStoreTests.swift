import Foundation
import Logging
@testable import MotCuaStorage
import SQLKit
import SQLiteNIO
import Testing

/// The SQLite store's own machinery: the background checkpointer and the inline look-up connections.
@Suite("SQLite store")
struct SQLiteStoreTests {
    private func withStore<T: Sendable>(checkpointPages: Int32 = 4_000, _ body: (SQLiteStore, String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.sqlite").path
        let store = try await SQLiteStore.open(path: path, checkpointPages: checkpointPages, logger: Logger(label: "test"))
        do {
            let result = try await body(store, path)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test("Committed pages reach the database file through the background checkpointer, not a checkpoint inside a commit")
    func walIsCheckpointedInTheBackground() async throws {
        try await withStore(checkpointPages: 64) { store, path in
            try await store.withWriteConnection { database in
                try await database.raw("CREATE TABLE pages (k BIGINT PRIMARY KEY, v TEXT NOT NULL)").run()
            }
            let before = fileSize(path)
            // given writes of about 400 pages: above the 64-page threshold, below the writer's own inline limit (8 × 64), so
            // only the background checkpointer can copy them
            for batch in 0..<10 {
                try await store.write(lane: "t") { database in
                    for row in 0..<40 {
                        let key = batch * 40 + row
                        try await database.raw("INSERT INTO pages (k, v) VALUES (\(bind: key), \(bind: String(repeating: "x", count: 4_000)))").run()
                    }
                }
            }
            // then within a few seconds the database file itself holds them
            var grown = false
            for _ in 0..<100 where !grown {
                grown = fileSize(path) > before + 1_000_000
                if !grown { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(grown, "database file \(fileSize(path)) bytes, WAL \(fileSize(path + "-wal")) bytes")
            let count = try await store.lookup { database in
                try await database.raw("SELECT COUNT(*) AS n FROM pages").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 400)
        }
    }

    @Test("Look-ups read what was committed, and more concurrent look-ups than inline connections all get answers")
    func lookUpsBeyondThePoolFallBackToTheReadSide() async throws {
        try await withStore { store, _ in
            try await store.withWriteConnection { database in
                try await database.raw("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL)").run()
            }
            try await store.write(lane: "t") { database in
                for index in 0..<50 {
                    try await database.raw("INSERT INTO people (id, name) VALUES (\(bind: "p\(index)"), \(bind: "Người số \(index)"))").run()
                }
            }
            let names = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        try await store.lookup { database in
                            try await database.raw("SELECT name FROM people WHERE id = \(bind: "p\(index % 50)")").first()?
                                .decode(column: "name", as: String.self)
                        }
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(names.count == 64)
            #expect(names.allSatisfy { $0?.hasPrefix("Người số ") == true })
            // and a look-up refuses to write: its connections are read-only
            await #expect(throws: (any Error).self) {
                try await store.lookup { database in try await database.raw("DELETE FROM people").run() }
            }
        }
    }

    @Test("Cached statements whose parameters could sway the plan (LIMIT ?, a partial index's condition) run again without being re-prepared")
    func cachedStatementsAreNotReprepared() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try SQLiteWriterConnection(path: directory.appendingPathComponent("q.sqlite").path)
        defer { connection.close() }
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL, at INTEGER)", binds: []) { _ in }
        try connection.execute("CREATE INDEX t_flagged ON t (at) WHERE flag = 1", binds: []) { _ in }
        for id in 1...20 { try connection.execute("INSERT INTO t VALUES (?, ?, ?)", binds: [.integer(id), .integer(id % 2), .integer(id * 10)]) { _ in } }
        let limited = "SELECT id FROM t ORDER BY id LIMIT ?"
        let partial = "SELECT id FROM t WHERE flag = ? AND at > ? ORDER BY at"
        var rows = [Int]()
        for limit in 1...6 {
            var count = 0
            try connection.execute(limited, binds: [.integer(limit)]) { _ in count += 1 }
            rows.append(count)
            try connection.execute(partial, binds: [.integer(limit % 2), .integer(limit)]) { _ in }
        }
        #expect(rows == [1, 2, 3, 4, 5, 6])
        #expect(connection.reprepareCount(of: limited) == 0)
        #expect(connection.reprepareCount(of: partial) == 0)
    }
}
