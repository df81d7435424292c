import AsyncHTTPClient
import ServiceLifecycle

/// Owns the platform's outgoing HTTP client (registry connector and e-ID relying party): shuts it down
/// after the service group's graceful shutdown, so in-flight calls finish first.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
