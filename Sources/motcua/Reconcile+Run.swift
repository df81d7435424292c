import ArgumentParser
import Foundation
import Logging
import MotCuaApp
import MotCuaReconciliation
import MotCuaStorage
import Synchronization

extension ReconciliationOptions.DecisionRule: ExpressibleByArgument {}

extension Reconcile {
    /// `reconcile run`: links a source file to the register, prints the report, and with `--campaign` stores
    /// the findings that need a decision in that campaign's worklist (all or nothing).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reconcile a source file against the register.",
            discussion: """
                With --campaign NAME the findings that need a decision go to that campaign's worklist (all or nothing), \
                in the database chosen by MOTCUA_DATABASE_URL / MOTCUA_SQLITE_PATH.
                """)

        @Option(help: "Register CSV.") var register: String
        @Option(help: "Source CSV.") var source: String
        @Option(help: "JSON column mapping of the register.") var registerMapping: String?
        @Option(help: "JSON column mapping of the source.") var sourceMapping: String?
        @Option(help: "Findings CSV to write.") var findings: String?
        @Option(name: .customLong("jsonl"), help: "Findings as JSON lines to write.") var jsonLines: String?
        @Option(help: "Skip bad rows into this CSV instead of stopping at the first.") var rejects: String?
        @Option(help: "Ground-truth CSV, to measure precision and recall.") var truth: String?
        @Option(help: "Parallel workers.") var parallelism: Count?
        @Option(help: "Precision the automatic links must reach (0–1).") var targetPrecision = Share(0.999)
        @Option(help: "Share of records without a usable ID absent from the register (0–1); estimated from the data when omitted.") var absentShare: Share?
        @Option(help: "Report as JSON to write.") var reportJSON: String?
        @Option(help: "Store the findings that need a decision in this campaign.") var campaign: String?
        @Flag(help: "No progress line.") var quiet = false
        @Option(help: "How automatic links are decided: posterior (per record, against its alternatives) or score (per field pattern, the earlier rule).")
        var decision: ReconciliationOptions.DecisionRule = .posterior

        func run() async throws {
            var options = ReconciliationCLI.RunOptions(
                register: URL(fileURLWithPath: register), source: URL(fileURLWithPath: source),
                registerMapping: registerMapping.map(URL.init(fileURLWithPath:)), sourceMapping: sourceMapping.map(URL.init(fileURLWithPath:)),
                findings: findings.map(URL.init(fileURLWithPath:)), jsonLines: jsonLines.map(URL.init(fileURLWithPath:)),
                rejects: rejects.map(URL.init(fileURLWithPath:)), truth: truth.map(URL.init(fileURLWithPath:)),
                targetPrecision: targetPrecision.value, absentShare: absentShare?.value,
                reportJSON: reportJSON.map(URL.init(fileURLWithPath:)), quiet: quiet)
            if let parallelism { options.parallelism = max(1, parallelism.value) }
            options.decision = decision
            guard let campaign else {
                try await ReconciliationCLI.reconcile(options)
                return
            }
            // The findings that need a decision go into the worklist while the engine writes them, in one
            // transaction that commits after the engine's last batch (and stores nothing if the engine fails).
            let workers = options.parallelism
            let runOptions = options
            let sourceName = URL(fileURLWithPath: source).lastPathComponent
            let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "steward")
            let counted = Atomic<Int>(0)
            let (stored, engineDone) = try await Platform.withPlatform(try Reconcile.appConfiguration(), logger: .init(label: "motcua")) { platform in
                try await platform.migrate()
                // Refused before the engine runs rather than after: a name that belongs to an agency's campaign.
                let existing: Campaign?
                do { existing = try await platform.worklist.campaign(named: campaign) } catch WorklistError.invalid(let reason) {
                    throw ValidationError("--campaign: \(reason)")
                }
                if existing?.agencyID != nil {
                    throw ValidationError(
                        "--campaign: '\(campaign)' là tên chiến dịch của một cơ quan / is the name of an agency's campaign; choose another name")
                }
                let (batches, continuation) = AsyncThrowingStream<[FindingInput], any Error>.makeStream()
                async let run = platform.worklist.storeRun(campaignNamed: campaign, sourceName: sourceName, batches: batches, createdBy: actor)
                do {
                    try await ReconciliationCLI.reconcile(runOptions, needingDecision: { batch in
                        let rows = await Self.worklistRows(batch, workers: workers)
                        counted.add(rows.count, ordering: .relaxed)
                        continuation.yield(rows)
                    })
                } catch {
                    continuation.finish(throwing: error)
                    _ = try? await run
                    throw error
                }
                continuation.finish()
                let engineDone = ContinuousClock.now
                _ = try await run
                return (counted.load(ordering: .relaxed), engineDone)
            }
            let elapsed = ContinuousClock.now - engineDone
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            FileHandle.standardError.write(
                Data("stored \(stored) findings needing a decision in campaign '\(campaign)', the last \(String(format: "%.1f", seconds)) s after the engine finished\n".utf8))
        }

        /// The worklist rows of a batch of findings, in order, encoded on all workers: the engine waits for its
        /// sink, and a million findings' JSON took seconds on one core.
        private static func worklistRows(_ batch: [ReconciliationFinding], workers: Int) async -> [FindingInput] {
            let size = max(1_024, (batch.count + workers - 1) / max(1, workers))
            let chunks = stride(from: 0, to: batch.count, by: size).map { $0..<min(batch.count, $0 + size) }
            guard chunks.count > 1 else { return batch.map(FindingInput.init) }
            var parts = [[FindingInput]](repeating: [], count: chunks.count)
            await withTaskGroup(of: (Int, [FindingInput]).self) { group in
                for (index, range) in chunks.enumerated() {
                    group.addTask { (index, batch[range].map(FindingInput.init)) }
                }
                for await (index, part) in group { parts[index] = part }
            }
            return parts.flatMap { $0 }
        }
    }
}
