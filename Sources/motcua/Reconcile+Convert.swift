import ArgumentParser
import Foundation
import Logging
import MotCuaApp
import MotCuaStorage

extension Reconcile {
    /// `reconcile convert`: a campaign's automatic old-ID conversions become registry update requests, in bulk.
    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a campaign's automatic old-ID conversions as update requests to the land or insurance database.",
            discussion: """
                Every open finding that its own old 9-digit ID linked automatically is accepted and gets one request in the \
                registry outbox, in transactions of --chunk findings (each all or nothing). Running it again queues nothing \
                twice and goes on where an interrupted run stopped. The running server's dispatcher delivers the requests. \
                The database is chosen by MOTCUA_DATABASE_URL / MOTCUA_SQLITE_PATH.
                """)

        enum Update: String, ExpressibleByArgument, CaseIterable {
            case land, insurance

            var target: ConversionTarget { self == .land ? .landOwner : .insuranceHolder }
        }

        @Option(help: "The campaign's name.") var campaign: String
        @Option(help: "land (convert_land_owner; record ids are parcel ids) or insurance (convert_insurance_holder).") var update: Update
        @Option(help: "The most findings to convert (default: all).") var limit: Count?
        @Option(help: "Findings per transaction (1–5,000).") var chunk = Count(1_000)

        func run() async throws {
            let started = Date()
            let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "steward")
            let summary = try await Platform.withPlatform(try Reconcile.appConfiguration(), logger: .init(label: "motcua")) { platform in
                try await platform.migrate()
                let name = campaign.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
                guard let target = try await platform.worklist.campaigns().first(where: { $0.campaign.name == name }) else {
                    throw ValidationError("no campaign named '\(name)'")
                }
                return try await platform.worklist.applyConversions(
                    campaignID: target.campaign.id, target: update.target, by: actor, limit: limit?.value, chunkSize: max(1, chunk.value))
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                "queued \(summary.queued) \(update.target.rawValue) request(s) in \(summary.chunks) transaction(s); "
                    + "\(summary.leftForReview) finding(s) left for review; \(summary.complete ? "campaign complete" : "limit reached, run again to go on")")
            FileHandle.standardError.write(
                Data("\(String(format: "%.1f", seconds)) s, \(seconds > 0 ? Int(Double(summary.queued) / seconds) : 0) requests/s\n".utf8))
        }
    }
}
