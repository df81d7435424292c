import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Read-only SQLite connections driven through the C API, for `SQLStore.lookup`: each is used by one task at a
/// time, inline on its thread, with its compiled statements kept. Opened on demand up to `limit`; a caller that
/// finds none free falls back to the read side, so a burst never waits here.
final class SQLiteLookupPool: Sendable {
    /// A connection with its SQLKit view.
    struct Lease: @unchecked Sendable {
        let connection: SQLiteWriterConnection
        let database: SQLiteWriterDatabase
    }

    private let path: String
    private let logger: Logger
    private let limit: Int
    private let state = Mutex(State())

    private struct State {
        var free: [Lease] = []
        var opened = 0
        var closed = false
    }

    init(path: String, logger: Logger, limit: Int = 4) {
        self.path = path
        self.logger = logger
        self.limit = limit
    }

    /// A free connection, a newly opened one while fewer than `limit` exist, or nil.
    func take() -> Lease? {
        enum Next { case lease(Lease), open, none }
        let next: Next = state.withLock { state in
            if state.closed { return .none }
            if let lease = state.free.popLast() { return .lease(lease) }
            guard state.opened < limit else { return .none }
            state.opened += 1
            return .open
        }
        switch next {
        case .lease(let lease): return lease
        case .none: return nil
        case .open:
            do {
                let connection = try SQLiteWriterConnection(path: path)
                for pragma in ["PRAGMA query_only = ON", "PRAGMA cache_size = -16384", "PRAGMA mmap_size = 1073741824"] {
                    try connection.execute(pragma, binds: []) { _ in }
                }
                return Lease(
                    connection: connection,
                    database: SQLiteWriterDatabase(connection: connection, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any()))
            } catch {
                state.withLock { $0.opened -= 1 }
                return nil
            }
        }
    }

    func give(back lease: Lease) {
        let keep = state.withLock { state in
            if state.closed { return false }
            state.free.append(lease)
            return true
        }
        if !keep { lease.connection.close() }
    }

    /// Closes the free connections; one still leased is closed when it is given back.
    func close() {
        let free = state.withLock { state in
            state.closed = true
            defer { state.free.removeAll() }
            return state.free
        }
        for lease in free { lease.connection.close() }
    }
}
