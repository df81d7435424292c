import ArgumentParser
import MotCuaApp

/// Creates the demo accounts and prints them.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create demo accounts (if missing) and print them.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        guard configuration.mode == .demo else {
            throw ValidationError("MOTCUA_ENV/--production: demo accounts, whose password is published, are never created in production")
        }
        let accounts = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
            try await platform.migrate()
            return try await DemoSeeder(platform: platform).seed()
        }
        print(DemoSeeder.describe(accounts))
    }
}
