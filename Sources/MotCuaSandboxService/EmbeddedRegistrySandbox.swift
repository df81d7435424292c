import Hummingbird
import Logging
import MotCuaRegistrySandbox
import ServiceLifecycle

/// The registry sandbox served inside the platform's own process, for the embedded (single-binary)
/// installation and for tests: the platform talks to it over real HTTP on loopback with the same
/// ``HTTPRegistryClient``-style connector it would use against the national gateway.
///
/// Design: ``start(registry:faults:logger:)`` binds `127.0.0.1` on a free port and returns once the
/// server runs, so the platform can build its registry client from ``baseURL`` before its own HTTP
/// server accepts requests. The value is then added to the platform's `ServiceGroup` as a `Service`
/// whose ``run()`` only waits for the group's graceful shutdown and then stops the server; tests call
/// ``stop()`` themselves. Starting in the composition root rather than inside `run()` is what makes the
/// URL available early without a start-up race between services.
public final class EmbeddedRegistrySandbox: Service {
    /// People generated for the embedded platform: large enough for realistic look-ups, small enough to
    /// start in a fraction of a second (the full province is 3.6 million; see `motcua registry serve`).
    public static let defaultPeople = 100_000

    public let registry: NationalRegistry
    /// Faults and request counts of this sandbox, settable in-process as well as over HTTP.
    public let faults: SandboxFaults
    private let server: LoopbackServer

    /// E.g. "http://127.0.0.1:41234".
    public var baseURL: String { server.baseURL }

    private init(registry: NationalRegistry, faults: SandboxFaults, server: LoopbackServer) {
        self.registry = registry
        self.faults = faults
        self.server = server
    }

    /// Serves an existing registry.
    public static func start(
        registry: NationalRegistry, faults: SandboxFaults = SandboxFaults(),
        logger: Logger = Logger(label: "motcua-registry-sandbox")
    ) async throws -> EmbeddedRegistrySandbox {
        let router = RegistrySandboxRouter.build(registry: registry, faults: faults)
        let server = try await LoopbackServer.start(router: router, logger: logger)
        return EmbeddedRegistrySandbox(registry: registry, faults: faults, server: server)
    }

    /// Generates a registry (under a second and about 64 MB resident for the default 100,000 people, debug
    /// build; 3.6 million take 38 s and 0.66 GB in debug, a few seconds in release) and serves it.
    public static func start(
        seed: UInt64 = 24, people: Int = defaultPeople, logger: Logger = Logger(label: "motcua-registry-sandbox")
    ) async throws -> EmbeddedRegistrySandbox {
        try await start(registry: RegistryGenerator(seed: seed, people: people).generate(), logger: logger)
    }

    /// Waits for the service group's graceful shutdown (or cancellation), then stops the server.
    public func run() async throws {
        try? await gracefulShutdown()
        await server.stop()
    }

    /// Stops the server and waits until it has.
    public func stop() async { await server.stop() }
}
