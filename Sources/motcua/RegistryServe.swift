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

        func run() async throws {
            let started = Date()
            let registry = RegistryGenerator(seed: seed, people: people).generate()
            var logger = Logger(label: "motcua-registry")
            logger.logLevel = .info
            logger.info("Generated registry", metadata: ["people": "\(registry.personCount)", "seconds": "\(Int(Date().timeIntervalSince(started)))"])
            let app = Application(
                router: RegistrySandboxRouter.build(registry: registry), configuration: .init(address: .hostname(host, port: port)),
                logger: logger)
            try await app.runService()
        }
    }
}
