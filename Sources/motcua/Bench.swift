import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain

/// Set-up steps of the reproducible benchmarks (see `Benchmarks/run.sh` and BENCHMARKS.md).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark set-up: bulk dossiers and load-test identities.", subcommands: [SeedDossiers.self, LoadIdentities.self, CitizenTokens.self])

    /// Bulk-loads dossiers for the workqueue benchmark.
    struct SeedDossiers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seed-dossiers", abstract: "Load N dossiers spread over the communes.")

        @OptionGroup var common: CommonOptions
        @Option(help: "How many dossiers.") var count = 1_000_000

        func run() async throws {
            let configuration = try common.configuration()
            let count = count
            let started = Date()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await BenchmarkSupport.seedDossiers(platform: platform, count: count) { written in
                    if written % 100_000 == 0 || written == count {
                        let rate = Double(written) / Date().timeIntervalSince(started)
                        FileHandle.standardError.write(Data("  \(written)/\(count) dossiers, \(Int(rate))/s\n".utf8))
                    }
                }
            }
        }
    }

    /// Prints a Lua table of tokens and communes for wrk.
    struct LoadIdentities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-identities", abstract: "Create one reception officer per commune; print tokens as a Lua module for wrk.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let lua = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                let identities = try await BenchmarkSupport.prepareLoad(platform: platform)
                var lines = ["return {", "  officers = {"]
                for identity in identities {
                    lines.append("    { token = \"\(identity.token)\", agency = \"\(identity.agencyID)\" },")
                }
                lines.append("  },")
                lines.append("  listing = \"\(try await BenchmarkSupport.monitorToken(platform: platform))\",")
                let birth = try BenchmarkSupport.birthRegistration(platform: platform)
                lines.append("  procedure = \"\(birth.code)\",")
                lines.append("  components = [==[\(birth.componentsJSON)]==],")
                lines.append("}")
                return lines.joined(separator: "\n")
            }
            print(lua)
        }
    }

    /// Prints citizen tokens, one a line, for the archive benchmark.
    struct CitizenTokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "citizen-tokens", abstract: "Open a day-long session for each citizen identifier given; print the tokens, one a line.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Citizen identifiers (12 digits).") var ids: [String]

        func run() async throws {
            let configuration = try common.configuration()
            let ids = try ids.map { try CitizenID($0) }
            let tokens = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                return try await BenchmarkSupport.citizenTokens(platform: platform, ids: ids)
            }
            print(tokens.joined(separator: "\n"))
        }
    }
}
