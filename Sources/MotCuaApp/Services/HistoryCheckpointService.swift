import Foundation
import Logging
import MotCuaStorage
import ServiceLifecycle

/// Writes the history checkpoint journal at intervals, and once more at shutdown, so that what the
/// database's chains reached is also on record outside the database.
struct HistoryCheckpointService: Service {
    let journal: HistoryCheckpointJournal
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await flush()
        }
        // The last record is written whatever the state of the task: a cancelled shutdown must not drop it.
        await flush(final: true)
    }

    private func flush(final: Bool = false) async {
        do {
            if final { try journal.flushNow() } else { try await journal.flush() }
        } catch is CancellationError {
            // Shutting down: the final flush just after this one writes what is pending.
        } catch {
            // The heads stay pending and the next round retries; the error names a path, never a person.
            logger.error("History checkpoint not written", metadata: ["error": "\(error)", "pending": "\(journal.pendingCount)"])
        }
    }
}
