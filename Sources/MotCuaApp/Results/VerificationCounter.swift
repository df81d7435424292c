import Foundation
import Logging
import MotCuaStorage
import ServiceLifecycle
import Synchronization

/// Counts public verifications per result without recording who verified, and adds them to the results in
/// one write every few seconds, so a thousand verifications a second cost a handful of statements.
final class VerificationCounter: Sendable {
    private let pending = Mutex<[String: Int]>([:])

    func count(_ id: String) {
        pending.withLock { $0[id, default: 0] += 1 }
    }

    /// The counts since the last call.
    func drain() -> [String: Int] {
        pending.withLock { counts in
            defer { counts = [:] }
            return counts
        }
    }
}

/// Writes the counted verifications to the database periodically and once more at shutdown.
struct VerificationCountWriter: Service {
    let counter: VerificationCounter
    let results: SQLResultRepository
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await flush()
        }
        await flush()
    }

    func flush() async {
        let counts = counter.drain()
        guard !counts.isEmpty else { return }
        do {
            try await results.addVerifications(counts)
        } catch {
            // Counts are statistics, not records: a failed write loses at most one interval's counts.
            logger.warning("Verification counts not written", metadata: ["results": "\(counts.count)", "error": "\(type(of: error))"])
        }
    }
}
