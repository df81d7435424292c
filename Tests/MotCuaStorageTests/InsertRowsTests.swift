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
}
