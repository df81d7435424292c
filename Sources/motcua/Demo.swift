import ArgumentParser
import Foundation
import MotCuaApp
import MotCuaDomain
import MotCuaStorage

/// Commands for demonstration databases.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Demonstration data.", subcommands: [Populate.self])

    /// Fills a demo database with a year of activity, then brings the index counters up to date.
    struct Populate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill a demo database with a year of realistic activity (deterministic from --seed), then build the index counters.",
            discussion: """
                Dossiers across the communes and the departments, online, at the counter and by post, returned on time or late, \
                stopped, withdrawn, waiting for a supplement (paused) or asked twice (late), with reused components, components \
                from the national registries and the registry look-ups behind them; scanned components, signed electronic results \
                (verifiable on /verify), the applicants' ratings and complaints and petitions (PAKN) in their various states. \
                Refused in production mode.
                """)

        @OptionGroup var common: CommonOptions
        @Option(help: "How many dossiers (spread evenly over the year ending now).") var dossiers = 300_000
        @Option(help: "Seed of the pseudo-random choices: the same seed gives the same data.") var seed: UInt64 = 766

        func validate() throws {
            guard (1...5_000_000).contains(dossiers) else { throw ValidationError("--dossiers must be 1 to 5,000,000") }
        }

        func run() async throws {
            let configuration = try common.configuration()
            guard configuration.mode != .production else {
                throw ValidationError("demo data is refused in production mode / không nạp dữ liệu mẫu ở chế độ vận hành thật")
            }
            let count = dossiers, seed = seed
            let started = Date()
            try DemoPopulation.prepare(configuration, until: started)
            try await Platform.withPlatform(configuration, logger: common.logger(configuration)) { platform in
                try await platform.migrate()
                let summary = try await DemoPopulation.populate(platform: platform, dossiers: count, seed: seed, until: started) { written in
                    if written % 50_000 == 0 || written == count {
                        let rate = Double(written) / max(0.001, Date().timeIntervalSince(started))
                        FileHandle.standardError.write(Data("  \(written)/\(count) hồ sơ / dossiers, \(Int(rate))/s\n".utf8))
                    }
                }
                FileHandle.standardError.write(Data("  \(summary.lookUps) lượt tra cứu CSDL quốc gia / registry look-ups; cập nhật bộ đếm chỉ số / building the index counters…\n".utf8))
                try await IndexCounterFeed(store: platform.store, batchSize: 5_000).catchUp()
                print(
                    "Đã nạp / populated: \(summary.dossiers) hồ sơ / dossiers, \(summary.lookUps) tra cứu / look-ups, \(summary.results) kết quả điện tử / "
                        + "signed results, \(summary.scans) bản quét / scans, \(summary.ratings) đánh giá / ratings, \(summary.petitions) phản ánh kiến nghị / "
                        + "petitions in \(Int(Date().timeIntervalSince(started))) s")
            }
        }
    }
}
