import AsyncHTTPClient
import NIOCore
import ServiceLifecycle

/// Owns the platform's outgoing HTTP client: shuts it down after the service group's graceful shutdown, so
/// in-flight registry calls finish first.
struct HTTPClientService: Service {
    let client: HTTPClient

    /// A client sized for many concurrent counters against one registry gateway.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(10))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
