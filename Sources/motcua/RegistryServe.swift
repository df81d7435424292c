import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MotCuaApp
import MotCuaSandboxService
import MotCuaRegistrySandbox

extension Registry {
    /// Serves the sandbox's synthetic national databases over HTTP.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the national-registry sandbox over HTTP/JSON.")

        @Option(help: "Number of people (Bắc Ninh: 3,600,000).") var people = 3_600_000
        @Option(help: "Generator seed.") var seed: UInt64 = 24
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on.") var port = 8081
        @Option(help: "Public base URL the sandbox e-ID provider names as issuer (default http://127.0.0.1:<port>/eid).")
        var eidIssuer: String?
        @Option(
            name: .customLong("eid-client"),
            help: "A relying party of the sandbox e-ID provider, as id=redirectURI; repeat for more (default motcua=http://127.0.0.1:8080/auth/eid/callback).")
        var eidClients: [String] = []

        func run() async throws {
            let started = Date()
            let registry = RegistryGenerator(seed: seed, people: people).generate()
            var logger = Logger(label: "motcua-registry")
            logger.logLevel = .info
            logger.info("Generated registry", metadata: ["people": "\(registry.personCount)", "seconds": "\(Int(Date().timeIntervalSince(started)))"])
            let eid = try await EIDProvider(
                issuer: eidIssuer ?? "http://127.0.0.1:\(port)/eid", clients: try Self.clients(eidClients), registry: registry)
            logger.info("Sandbox e-ID provider", metadata: ["issuer": "\(eid.issuer)", "kid": "\(eid.keyID)"])
            let app = Application(
                router: RegistrySandboxRouter.build(registry: registry, eid: eid), configuration: .init(address: .hostname(host, port: port)),
                logger: logger)
            try await app.runService()
        }

        /// Parses `id=redirectURI` options; one client may be named several times to register several URIs.
        static func clients(_ options: [String]) throws -> [EIDClient] {
            guard !options.isEmpty else { return [.motcuaDefault] }
            var redirects: [String: Set<String>] = [:]
            for option in options {
                let parts = option.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty, URL(string: String(parts[1]))?.scheme != nil else {
                    throw ValidationError("--eid-client expects id=redirectURI, e.g. motcua=http://127.0.0.1:8080/auth/eid/callback")
                }
                redirects[String(parts[0]), default: []].insert(String(parts[1]))
            }
            return redirects.map { EIDClient(id: $0.key, redirectURIs: $0.value) }
        }
    }
}
