import Foundation
import VaporCSQLite

/// Copies the write-ahead log back into the database file on a thread and connection of its own.
///
/// SQLite's automatic checkpoint runs inside the `COMMIT` that crosses the threshold, on the writer: that
/// commit then also copies thousands of pages and fsyncs the database file, and every receipt queued behind it
/// waits (a tenth of the writer's time under load, and its worst latencies). Here the writer's WAL hook only
/// signals; a passive checkpoint on this connection runs beside the writer, which keeps appending to the WAL.
/// If the checkpoints fall far behind (readers pinning old snapshots), the writer checkpoints itself at
/// `inlineLimit` pages, as SQLite would have, so the WAL stays bounded.
final class SQLiteCheckpointer: @unchecked Sendable {
    /// WAL pages after which the background checkpoint is started.
    let threshold: Int32
    /// WAL pages after which the writer checkpoints inline.
    let inlineLimit: Int32

    // Guarded by `condition`.
    private var requested = false
    private var stopping = false
    private var handle: OpaquePointer?
    private let condition = NSCondition()
    private let stopped = DispatchSemaphore(value: 0)

    init(path: String, threshold: Int32, inlineLimit: Int32) throws {
        var handle: OpaquePointer?
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteWriterError(message: "\(path): \(message)")
        }
        sqlite_nio_sqlite3_busy_timeout(handle, 10_000)
        // The checkpoint fsyncs the WAL before copying and the database file after, as the writer's would.
        sqlite_nio_sqlite3_exec(handle, "PRAGMA synchronous = FULL", nil, nil, nil)
        self.handle = handle
        self.threshold = threshold
        self.inlineLimit = inlineLimit
        let thread = Thread { [self] in self.loop() }
        thread.name = "motcua-checkpoint"
        thread.start()
    }

    /// Called by the writer's WAL hook after each commit with the pages now in the WAL.
    func committed(walPages: Int32) {
        guard walPages >= threshold else { return }
        condition.lock()
        requested = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread and closes the connection, after any checkpoint in progress; safe to call twice.
    func close() {
        condition.lock()
        let first = !stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if first { stopped.wait() }
    }

    private func loop() {
        while true {
            condition.lock()
            while !requested && !stopping { condition.wait() }
            let stop = stopping
            requested = false
            condition.unlock()
            if stop { break }
            var logPages: Int32 = 0, copied: Int32 = 0
            // PASSIVE never blocks the writer or readers; what it cannot copy now waits for the next signal.
            _ = sqlite_nio_sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied)
        }
        sqlite_nio_sqlite3_close(handle)
        handle = nil
        stopped.signal()
    }
}
