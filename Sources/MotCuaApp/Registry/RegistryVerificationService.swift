import Foundation
import Logging
import ServiceLifecycle

/// The background retry: every few seconds, completes dossiers whose national-data look-ups failed (or
/// never ran, after a crash). Stops with the application.
struct RegistryVerificationService: Service {
    let verifier: RegistryVerifier
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // Sleep first: at start-up the server migrates the database before it serves.
            try? await Task.sleep(for: interval)
            do {
                // Drain while full batches come back, then wait.
                while try await verifier.runDue() == 50 {}
            } catch {
                logger.warning("Registry verification round failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
