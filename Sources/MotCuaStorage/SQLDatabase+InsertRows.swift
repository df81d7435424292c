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
