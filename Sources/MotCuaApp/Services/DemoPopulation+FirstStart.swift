import Foundation
import Logging

extension DemoPopulation {
    /// The seed of the demo's activity: the same on every new demo database, so the pages a newcomer sees match
    /// the README and the screenshots.
    public static let defaultSeed: UInt64 = 766

    /// Fills a demo database created moments ago with a year of activity, so its pages (index, operations centre,
    /// transparency) show figures on first start. The live index counters pick the history up as it is written.
    static func fillNewDemo(platform: Platform, dossiers count: Int, until end: Date, logger: Logger) async throws {
        logger.notice(
            "DEMO: filling the new database with a year of activity (MOTCUA_DEMO_POPULATE=0 or --populate 0 skips this)",
            metadata: ["dossiers": "\(count)"])
        let started = Date()
        let summary = try await populate(platform: platform, dossiers: count, seed: defaultSeed, until: end) { written in
            if written % 20_000 == 0 && written < count { logger.notice("DEMO: activity written", metadata: ["dossiers": "\(written)"]) }
        }
        logger.notice("DEMO: populated \(summary) in \(Int(Date().timeIntervalSince(started))) s")
    }
}

extension DemoPopulation.Summary: CustomStringConvertible {
    public var description: String {
        "\(dossiers) hồ sơ / dossiers, \(lookUps) tra cứu / look-ups, \(results) kết quả điện tử / signed results, \(scans) bản quét / scans, "
            + "\(ratings) đánh giá / ratings, \(petitions) phản ánh kiến nghị / petitions"
    }
}
