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
    /// Runs a large write (a million rows in one transaction) with SQLite keeping the transaction's pages in memory.
    ///
    /// Past its page cache SQLite spills dirty pages to the WAL in the middle of the transaction and reads them
    /// back for every later change to the same B-tree page; storing a reconciliation run spent a third of its
    /// time there. The memory grows with the transaction instead, until it commits. A no-op on PostgreSQL.
    func withoutCacheSpill<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard dialect.name == "sqlite" else { return try await body() }
        try await raw("PRAGMA cache_spill = OFF").run()
        do {
            let result = try await body()
            try await raw("PRAGMA cache_spill = ON").run()
            return result
        } catch {
            try? await raw("PRAGMA cache_spill = ON").run()
            throw error
        }
    }
}
