import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MotCuaApp
import MotCuaSandboxService
import ServiceLifecycle

/// Migrates, seeds demo accounts on a new database (demo only), and serves HTTP.
///
/// Two modes, one binary: with no configuration this is the demo (the embedded national-registry sandbox and
/// e-ID provider, demo accounts, loopback only, and every page says so). `--production` or
/// `MOTCUA_ENV=production` runs the real service and refuses to start with any demo or unsafe setting.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the platform (migrates, seeds a demo database, serves HTTP).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (the demo listens on loopback only). Env: MOTCUA_HOST.")
    var host: String?

    @Option(help: "Port to listen on. Env: MOTCUA_PORT.")
    var port: Int?

    @Flag(help: "Do not create demo accounts on an empty database.")
    var noDemo = false

    @Option(help: "Dossiers of demo activity (a year) written into a new demo database after its accounts; 0 for none. Env: MOTCUA_DEMO_POPULATE.")
    var populate: Int?

    func run() async throws {
        var configuration = try common.configuration()
        if let host { configuration.host = host }
        if let port {
            guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
            configuration.port = port
        }
        if noDemo { configuration.seedDemoDataWhenEmpty = false }
        if let populate {
            guard (0...5_000_000).contains(populate) else { throw ValidationError("--populate must be 0 to 5,000,000") }
            configuration.demoPopulation = populate
        }
        let logger = common.logger(configuration)
        var services: [any Service] = []
        if configuration.mode == .demo {
            guard ["127.0.0.1", "::1", "localhost"].contains(configuration.host) else {
                throw ValidationError(
                    "--host/MOTCUA_HOST: the demo listens on loopback only (127.0.0.1, ::1); a reachable instance needs --production")
            }
            if configuration.registryURL == nil {
                // The demo's national databases: the bundled sandbox, in this process on a loopback port, reached
                // over HTTP through the same connector production uses.
                let sandbox = try await EmbeddedRegistrySandbox.start(
                    seed: configuration.sandboxSeed, people: configuration.sandboxPeople, port: configuration.sandboxPort,
                    eidClients: [EIDClient(id: configuration.eidClientID, redirectURIs: [configuration.eidRedirectURI])], logger: logger)
                logger.notice(
                    "DEMO: embedded national-registry sandbox (synthetic people) and e-ID provider",
                    metadata: ["url": "\(sandbox.baseURL)", "people": "\(configuration.sandboxPeople)"])
                configuration.registryURL = sandbox.baseURL
                configuration.eidIssuerURL = configuration.eidIssuerURL ?? sandbox.eid?.issuer
                services.append(sandbox)
            }
            if configuration.seedDemoDataWhenEmpty {
                configuration.demoPopulation = configuration.demoPopulation ?? 20_000
                // The demo CA must predate the year of activity it will sign; made only when there is none yet.
                if configuration.demoPopulation! > 0 { try DemoPopulation.prepare(configuration, until: Date()) }
            }
        }
        let app = try await buildApplication(configuration, logger: logger, services: services)
        try await app.runService()
    }
}
