import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain
import MotCuaStorage

/// Commands about the Decision 766 index.
struct Indicators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The Decision 766 index of serving citizens and businesses.", subcommands: [Check.self, CatchUp.self])

    /// Recomputes a period's index counts two ways and fails on any difference.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a period's served index counts (live counters) with a full recomputation (SQL aggregation and per-dossier recount); exit 1 on any difference.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY), Vietnam time; default the current month.")
        var period: String?

        @Option(help: "First day (YYYY-MM-DD) of a custom period, with --to.")
        var from: String?

        @Option(help: "Last day (YYYY-MM-DD, inclusive) of a custom period, with --from.")
        var to: String?

        func run() async throws {
            let configuration = try common.configuration()
            let now = Date()
            let period: IndexPeriod
            do {
                period = try IndexCheck.period(period: self.period, from: from, to: to, now: now)
            } catch let error as IndexCheckInputError {
                throw ValidationError(error.description)
            }
            let outcome = try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await IndexCheck.run(platform: platform, period: period, now: now)
            }
            print("Kỳ / period \(period.label): \(outcome.dossiers) hồ sơ / dossiers, \(outcome.units) đơn vị / units")
            guard outcome.differences.isEmpty else {
                for difference in outcome.differences { print("KHÁC / DIFFERENT \(difference)") }
                throw ExitCode(1)
            }
            print("Khớp / identical: served counters = SQL aggregation = per-dossier recount")
        }
    }

    /// Applies the history recorded since the counters' mark, as the server's background feed does.
    struct CatchUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catch-up", abstract: "Bring the live index counters up to date with the dossier history (as the server does in the background).")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            let started = Date()
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                try await IndexCounterFeed(store: platform.store, batchSize: 5_000).catchUp()
            }
            print("Bộ đếm đã cập nhật / counters up to date in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
