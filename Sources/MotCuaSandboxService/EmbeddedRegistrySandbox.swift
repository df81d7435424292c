import Hummingbird
import NIOCore
import NIOPosix
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
    /// The updates this sandbox has answered, by request id (replays answer the original).
    public let ledger: UpdateLedger
    /// The sandbox national e-ID provider mounted under `/eid`, when started with clients.
    public let eid: EIDProvider?
    private let server: LoopbackServer

    /// E.g. "http://127.0.0.1:41234".
    public var baseURL: String { server.baseURL }

    private init(registry: NationalRegistry, faults: SandboxFaults, ledger: UpdateLedger, eid: EIDProvider?, server: LoopbackServer) {
        self.registry = registry
        self.faults = faults
        self.ledger = ledger
        self.eid = eid
        self.server = server
    }

    /// Serves an existing registry.
    public static func start(
        registry: NationalRegistry, faults: SandboxFaults = SandboxFaults(),
        logger: Logger = Logger(label: "motcua-registry-sandbox")
    ) async throws -> EmbeddedRegistrySandbox {
        let ledger = UpdateLedger()
        let router = RegistrySandboxRouter.build(registry: registry, faults: faults, ledger: ledger)
        let server = try await LoopbackServer.start(router: router, logger: logger)
        return EmbeddedRegistrySandbox(registry: registry, faults: faults, ledger: ledger, eid: nil, server: server)
    }

    /// Generates a registry (under a second and about 64 MB resident for the default 100,000 people, debug
    /// build; 3.6 million take 38 s and 0.66 GB in debug, a few seconds in release) and serves it, with the
    /// sandbox e-ID provider for `eidClients` (none: no provider).
    ///
    /// - Parameter port: 0 picks a free port. The e-ID provider must name its issuer URL before the server
    ///   starts, so a free port is found first and then bound.
    public static func start(
        seed: UInt64 = 24, people: Int = defaultPeople, port: Int = 0, eidClients: [EIDClient] = [],
        logger: Logger = Logger(label: "motcua-registry-sandbox")
    ) async throws -> EmbeddedRegistrySandbox {
        let registry = RegistryGenerator(seed: seed, people: people).generate()
        guard !eidClients.isEmpty else { return try await start(registry: registry, logger: logger) }
        let chosen = port == 0 ? try await freePort() : port
        let eid = try await EIDProvider(issuer: "http://127.0.0.1:\(chosen)/eid", clients: eidClients, registry: registry)
        let faults = SandboxFaults()
        let ledger = UpdateLedger()
        let router = RegistrySandboxRouter.build(registry: registry, faults: faults, ledger: ledger, eid: eid)
        let server = try await LoopbackServer.start(router: router, port: chosen, logger: logger)
        return EmbeddedRegistrySandbox(registry: registry, faults: faults, ledger: ledger, eid: eid, server: server)
    }

    /// A port free on loopback right now.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    /// Waits for the service group's graceful shutdown (or cancellation), then stops the server.
    public func run() async throws {
        try? await gracefulShutdown()
        await server.stop()
    }

    /// Stops the server and waits until it has.
    public func stop() async { await server.stop() }
}
