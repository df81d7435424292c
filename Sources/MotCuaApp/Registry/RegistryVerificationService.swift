import Foundation
import Logging
import MotCuaStorage
import ServiceLifecycle

/// The background verifier: completes received dossiers from the national databases right after receipt
/// (woken by the receipt), and retries those a database could not answer (every `interval`). Receipts never
/// wait for it, so a slow or failing database never slows the counter. Stops with the application.
struct RegistryVerificationService: Service {
    let verifier: RegistryVerifier
    let trigger: VerificationTrigger
    let readiness: SchemaReadiness
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        trigger.wake()
                    }
                }
                for await _ in trigger.wakeUps where readiness.isReady {
                    do {
                        // Drain while full batches come back, then wait for the next wake-up.
                        while try await verifier.runDue() == RegistryVerifier.batchSize, !Task.isCancelled {}
                    } catch {
                        logger.warning("Registry verification round failed; the next tick retries", metadata: LoggableError.metadata(error))
                    }
                }
                group.cancelAll()
            }
        }
    }
}
