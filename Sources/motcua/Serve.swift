import ArgumentParser
import Hummingbird
import MotCuaApp

/// Migrates, seeds demo accounts on a new database, and serves HTTP.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the platform (migrates, seeds a new database, serves HTTP).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on.")
    var port: Int?

    @Flag(help: "Do not create demo accounts on an empty database.")
    var noDemo = false

    func run() async throws {
        var configuration = try common.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if noDemo { configuration.seedDemoDataWhenEmpty = false }
        let app = try await buildApplication(configuration, logger: common.logger(configuration))
        try await app.runService()
    }
}
