import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird server on `127.0.0.1`, on a port the system picks, running inside this process until
/// ``stop()``: the embedded registry sandbox, and the small purpose-built servers of connector tests.
///
/// ``start(router:logger:)`` returns only once the socket is bound, so ``baseURL`` is known before anyone
/// needs it. The server runs in its own service group without signal handlers (the hosting process owns
/// the signals), on a task that ``stop()`` shuts down gracefully and awaits.
public final class LoopbackServer: Sendable {
    /// Why a loopback server did not start.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// E.g. "http://127.0.0.1:41234", without a trailing slash.
    public let baseURL: String
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.group = group
        self.task = task
    }

    /// Binds and starts serving `router`.
    /// - Parameter port: 0 (the default) lets the system pick.
    public static func start(router: Router<BasicRequestContext>, port: Int = 0, logger: Logger) async throws -> LoopbackServer {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? 0)
                announce.finish()
            }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // Held by the server and awaited in stop(), so it is not fire-and-forget; it finishes the stream
        // too, so that a failed bind ends the wait below instead of hanging it.
        let task = Task {
            defer { announce.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            do { try await task.value } catch { throw StartError(description: "the loopback server did not start: \(error)") }
            throw StartError(description: "the loopback server did not report a port")
        }
        return LoopbackServer(port: port, group: group, task: task)
    }

    /// Stops accepting requests, lets running ones finish, and returns when the server has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
