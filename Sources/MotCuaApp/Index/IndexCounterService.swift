import Foundation
import Logging
import MotCuaStorage
import ServiceLifecycle

/// The background consumer of the index counters: every `interval` it applies what the history (and the scans
/// and registry look-ups) recorded since its mark, draining while full batches come back, so a receipt or a
/// transition shows in the figures well within two seconds. Receipts never wait for it. Stops with the application.
struct IndexCounterService: Service {
    let feed: IndexCounterFeed
    let readiness: SchemaReadiness
    var interval: Duration = .milliseconds(250)
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    if readiness.isReady { try await feed.catchUp() }
                } catch {
                    logger.warning("Index counter round failed; the next tick retries", metadata: LoggableError.metadata(error))
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
