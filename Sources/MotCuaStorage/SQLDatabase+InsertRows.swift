import SQLKit

extension SQLDatabase {
    /// Inserts rows with as few multi-row `INSERT … VALUES (…), (…)` statements as the engines allow: each
    /// statement stays under ``maximumBoundValues`` bound values (SQLite's limit is 32,766, PostgreSQL's 65,535).
    /// - Parameters:
    ///   - rows: one array of values per row, in the order of `columns`; every value is bound, never spliced.
    ///   - onConflictDoNothing: skip rows that would violate a unique key (idempotent writes).
    func insertRows(
        into table: String, columns: [String], rows: some Collection<[any Encodable & Sendable]>, onConflictDoNothing: Bool = false
    ) async throws {
        guard !rows.isEmpty else { return }
        if let writer = self as? SQLiteWriterDatabase {
            try writer.insertRows(into: table, columns: columns, rows: rows, onConflictDoNothing: onConflictDoNothing)
            return
        }
        let perStatement = Swift.max(1, Self.maximumBoundValues / Swift.max(1, columns.count))
        var pending = rows[...]
        while !pending.isEmpty {
            let chunk = pending.prefix(perStatement)
            pending = pending.dropFirst(chunk.count)
            var insert = self.insert(into: table).columns(columns)
            for row in chunk {
                precondition(row.count == columns.count, "a row of \(table) has \(row.count) values for \(columns.count) columns")
                insert = insert.values(row)
            }
            if onConflictDoNothing { insert = insert.ignoringConflicts() }
            try await insert.run()
        }
    }

    /// Bound values per statement, under both engines' limits with room to spare.
    static var maximumBoundValues: Int { 30_000 }
}

extension SQLDatabase {
    /// Runs a large write (a million rows in one transaction) with SQLite keeping up to `memory` bytes of the
    /// transaction's pages in its cache.
    ///
    /// Past its page cache SQLite spills dirty pages to the WAL in the middle of the transaction and reads them
    /// back for every later change to the same B-tree page; storing a reconciliation run spent a third of its
    /// time there. (`PRAGMA cache_spill` would not do: it takes effect only outside a transaction, and the
    /// write queue has begun one.) The cache returns to its size afterwards. A no-op on PostgreSQL.
    func withLargeCache<T: Sendable>(memory: Int = 2 << 30, _ body: () async throws -> T) async throws -> T {
        guard dialect.name == "sqlite" else { return try await body() }
        let previous = try await raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) ?? -131_072
        try await raw(SQLQueryString("PRAGMA cache_size = \(unsafeRaw: String(-(memory >> 10)))")).run()
        do {
            let result = try await body()
            try await raw(SQLQueryString("PRAGMA cache_size = \(unsafeRaw: String(previous))")).run()
            return result
        } catch {
            try? await raw(SQLQueryString("PRAGMA cache_size = \(unsafeRaw: String(previous))")).run()
            throw error
        }
    }
}
