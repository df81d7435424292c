import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite in WAL mode with `synchronous = FULL`: a committed transaction has been fsynced to the WAL,
/// so it survives a crash of the process and of the machine. One connection writes; several read
/// concurrently (WAL readers do not block the writer).
public final class SQLiteStore: SQLStore {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let writer: SQLiteWriterConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)
    private let queue: WriteQueue
    private let lookups: SQLiteLookupPool

    /// Opens (creating if needed) the database file.
    /// - Parameter checkpointPages: WAL pages after which the background checkpointer copies them back
    ///   (``SQLiteCheckpointer``); SQLite's own default is 1,000. A page written many times between two checkpoints
    ///   (the right edge of a time-ordered index, a day's counters) is copied once, so a longer interval copies
    ///   less per receipt: 16,000 pages (64 MiB of WAL) took 4–9 % less processor time per receipt than 4,000.
    ///   The writer checkpoints inline only past twice that, if readers hold the checkpoints back.
    public static func open(
        path: String, readers readerCount: Int = 4, checkpointPages: Int32 = 16_000, logger: Logger
    ) async throws -> SQLiteStore {
        var opened: [SQLiteConnection] = []
        let writer = try SQLiteWriterConnection(path: path)
        do {
            for pragma in [
                "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 10000",
                // A larger page cache and memory-mapped reads keep index pages of millions of dossiers
                // in memory instead of re-reading them with a system call per page.
                "PRAGMA cache_size = -131072", "PRAGMA mmap_size = 1073741824", "PRAGMA temp_store = MEMORY",
            ] {
                try writer.execute(pragma, binds: []) { _ in }
            }
            // After the pragmas: the checkpointer's WAL hook replaces SQLite's automatic checkpoint.
            writer.hand(checkpointsTo: try SQLiteCheckpointer(path: path, threshold: checkpointPages, inlineLimit: checkpointPages * 2))
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(1, readerCount) {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                opened.append(reader)
                _ = try await reader.query("PRAGMA busy_timeout = 10000")
                _ = try await reader.query("PRAGMA query_only = ON")
                _ = try await reader.query("PRAGMA cache_size = -65536")
                _ = try await reader.query("PRAGMA mmap_size = 1073741824")
                readers.append(reader)
            }
            return SQLiteStore(path: path, writer: writer, readers: readers, logger: logger)
        } catch {
            writer.close()
            // A connection must be closed before it is released.
            for connection in opened {
                let closing: EventLoopFuture<Void> = connection.close()
                try? await closing.get()
            }
            throw error
        }
    }

    private init(path: String, writer: SQLiteWriterConnection, readers: [SQLiteConnection], logger: Logger) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.lookups = SQLiteLookupPool(path: path, logger: logger)
        let database = SQLiteWriterDatabase(connection: writer, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        // IMMEDIATE takes the write lock at BEGIN, so a batch never fails half-way on a lock upgrade.
        self.queue = WriteQueue(beginStatement: "BEGIN IMMEDIATE", executor: WriterExecutor.shared) { body in try await body(database) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        // Never log statements: their bound values are personal data.
        return try await body(readers[abs(index) % readers.count].sql(queryLogLevel: nil))
    }

    public func lookup<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // Past the pool's size (a burst of concurrent look-ups) the read side takes the rest.
        guard let connection = lookups.take() else { return try await read(body) }
        defer { lookups.give(back: connection) }
        return try await body(connection.database)
    }

    public func write<T: Sendable>(lane: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await queue.perform(body)
    }

    public func write<T: Sendable>(
        lane: String, combiner: WriteCombiner, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await queue.perform(combiner: combiner, body)
    }

    public func withWriteConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await queue.perform(body)
    }

    /// Closes every connection; safe to call more than once.
    public func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        // The future-based close runs to completion even when the calling task is cancelled (as at
        // shutdown); a connection released unclosed would leak its file handle.
        for connection in readers {
            let closing: EventLoopFuture<Void> = connection.close()
            try? await closing.get()
        }
        lookups.close()
        // On the writer thread, where batches run without suspending, so none is mid-way while it closes.
        let writer = writer
        await withTaskExecutorPreference(WriterExecutor.shared) { writer.close() }
    }
}
