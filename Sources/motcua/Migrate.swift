import ArgumentParser
import MotCuaApp

/// Applies pending schema migrations.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        let applied = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
            try await platform.migrate()
        }
        print(applied.isEmpty ? "Database is up to date." : "Applied: " + applied.joined(separator: ", "))
    }
}
