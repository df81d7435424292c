import ArgumentParser
import Foundation
import Synchronization
import Logging
import MotCuaApp
import MotCuaReconciliation
import MotCuaStorage

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
            // The findings that need a decision, kept as worklist rows while the engine writes them and stored
            // after it finishes, in one transaction.
            let rows = Mutex<[FindingInput]>([])
            let workers = options.parallelism
            try await ReconciliationCLI.reconcile(options, needingDecision: { batch in
                let inputs = await Self.worklistRows(batch, workers: workers)
                rows.withLock { $0.append(contentsOf: inputs) }
            })
            try await store(rows.withLock { $0 }, campaign: campaign, sourceName: URL(fileURLWithPath: source).lastPathComponent)
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

        /// Stores the findings that need a decision (everything but plain consistent matches) in the worklist.
        private func store(_ inputs: [FindingInput], campaign: String, sourceName: String) async throws {
            let started = ContinuousClock.now
            let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "steward")
            try await Platform.withPlatform(try Reconcile.appConfiguration(), logger: .init(label: "motcua")) { platform in
                try await platform.migrate()
                let target = try await platform.worklist.campaign(named: campaign, description: nil, createdBy: actor)
                try await platform.worklist.storeRun(campaignID: target.id, sourceName: sourceName, findings: inputs, createdBy: actor)
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            FileHandle.standardError.write(
                Data("stored \(inputs.count) findings needing a decision in campaign '\(campaign)' in \(String(format: "%.1f", seconds)) s\n".utf8))
        }
    }
}
