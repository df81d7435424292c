import Foundation
import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite
import CMotCuaSQLiteOptions

/// The SQLite connection that writes, driven directly through the C API on the writer thread.
///
/// sqlite-nio runs every statement on a thread pool and resumes the caller through an event loop: two
/// thread hops per statement, which dominated the cost of a receipt. The write queue already serialises
/// writes on its own thread, so here each statement runs inline on that thread, with prepared statements
/// reused. Not thread-safe by itself: only the write queue (one batch at a time) uses it.
final class SQLiteWriterConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private var checkpointer: SQLiteCheckpointer?
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// Bulk loads produce statements of many shapes; keep the cache bounded.
    private static let cacheLimit = 128

    init(path: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteWriterError(message: "\(path): \(message)")
        }
        self.handle = handle
        sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
        // Cached statements are the point of this connection: without the planner stability guarantee SQLite
        // re-prepares a statement at every execution whose parameters could change its plan.
        guard motcua_sqlite_enable_qpsg(UnsafeMutableRawPointer(handle)) == SQLITE_OK else {
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteWriterError(message: "\(path): cannot set the query planner stability guarantee")
        }
    }

    /// Runs one statement, calling `onRow` for each result row.
    func execute(_ sql: String, binds: [SQLiteData], onRow: (SQLiteWriterRow) -> Void) throws {
        guard let handle else { throw SQLiteWriterError(message: "connection is closed") }
        let statement = try prepared(sql, handle: handle)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
            case .float(let number): status = sqlite_nio_sqlite3_bind_double(statement, index, number)
            case .text(let text):
                status = sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw error(handle) }
        }
        var columns: [String]?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw error(handle) }
            let names = columns ?? (0..<sqlite_nio_sqlite3_column_count(statement)).map {
                String(cString: sqlite_nio_sqlite3_column_name(statement, $0))
            }
            columns = names
            onRow(SQLiteWriterRow(columns: names, values: (0..<Int32(names.count)).map { value(statement, $0) }))
        }
    }

    /// Replaces SQLite's automatic checkpoint on this connection (the WAL hook is where it lives) with the
    /// background checkpointer, which this connection keeps and closes.
    func hand(checkpointsTo checkpointer: SQLiteCheckpointer) {
        guard let handle else { return }
        self.checkpointer = checkpointer
        let context = Unmanaged.passUnretained(checkpointer).toOpaque()
        sqlite_nio_sqlite3_wal_hook(handle, { context, database, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<SQLiteCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if pages >= checkpointer.inlineLimit {
                var logPages: Int32 = 0, copied: Int32 = 0
                _ = sqlite_nio_sqlite3_wal_checkpoint_v2(database, nil, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied)
            } else {
                checkpointer.committed(walPages: pages)
            }
            return SQLITE_OK
        }, context)
    }

    func close() {
        checkpointer?.close()
        checkpointer = nil
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        if let handle { sqlite_nio_sqlite3_close(handle) }
        handle = nil
    }

    deinit { close() }

    /// How many times SQLite has re-prepared the cached statement for `sql` (0 when it is not cached).
    func reprepareCount(of sql: String) -> Int {
        guard let statement = statements[sql] else { return 0 }
        return Int(sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0))
    }

    private func prepared(_ sql: String, handle: OpaquePointer) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.cacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(handle) }
        statements[sql] = statement
        return statement
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // By byte length, not up to the first NUL: a text holding one must read back whole, or a hash over
            // it stops matching (the API refuses control characters; this is the second line of defence).
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .null }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func error(_ handle: OpaquePointer) -> SQLiteWriterError {
        SQLiteWriterError(message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }
}

/// A failed statement on the writer connection; the message is SQLite's own.
struct SQLiteWriterError: Error, CustomStringConvertible {
    let message: String
    var description: String { "SQLite: " + message }
}

/// One result row of the writer connection.
struct SQLiteWriterRow: SQLRow {
    let columns: [String]
    let values: [SQLiteData]

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.firstIndex(of: column) else { throw missing(column) }
        return values[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.firstIndex(of: column) else { throw missing(column) }
        return try SQLiteDataDecoder().decode(D.self, from: values[index])
    }

    private func missing(_ column: String) -> SQLiteWriterError { SQLiteWriterError(message: "no column \(column)") }
}

/// SQLKit's view of the writer connection: statements run inline, on the caller's thread.
struct SQLiteWriterDatabase: SQLDatabase {
    let connection: SQLiteWriterConnection
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var version: (any SQLDatabaseReportedVersion)? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        let data = try binds.map { try Self.data($0) ?? encoder.encode($0) }
        try connection.execute(sql, binds: data) { onRow($0) }
    }

    /// Inserts rows by stepping one cached single-row statement per row, on the writer thread.
    ///
    /// The same rows as the multi-row statements other databases get, but without building and serialising a
    /// statement of thousands of binds through SQLKit: that, not SQLite, was most of the cost of storing a
    /// reconciliation run's million findings.
    func insertRows(
        into table: String, columns: [String], rows: some Collection<[any Encodable & Sendable]>, onConflictDoNothing: Bool
    ) throws {
        // The standard library, not Foundation's `replacingOccurrences`, which bridges through `NSString` at every call.
        let quoted = { (name: String) in "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }
        let sql =
            "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            + (onConflictDoNothing ? " ON CONFLICT DO NOTHING" : "")
        let encoder = SQLiteDataEncoder()
        var binds: [SQLiteData] = []
        binds.reserveCapacity(columns.count)
        for row in rows {
            precondition(row.count == columns.count, "a row of \(table) has \(row.count) values for \(columns.count) columns")
            binds.removeAll(keepingCapacity: true)
            for value in row { binds.append(try Self.data(value) ?? encoder.encode(value)) }
            try connection.execute(sql, binds: binds) { _ in }
        }
    }

    /// The common bind types without `SQLiteDataEncoder`, whose `Encoder` machinery was a twentieth of the writer's
    /// time; the values are the same as the encoder gives (Bool as 0 or 1, nil as NULL). Nil for anything else.
    static func data(_ value: any Encodable) -> SQLiteData? {
        switch value {
        case let text as String: .text(text)
        case let number as Int: .integer(number)
        case let number as Int64: .integer(Int(number))
        case let flag as Bool: .integer(flag ? 1 : 0)
        case let number as Double: .float(number)
        case let text as String?: text.map(SQLiteData.text) ?? .null
        case let number as Int?: number.map(SQLiteData.integer) ?? .null
        default: nil
        }
    }
}
