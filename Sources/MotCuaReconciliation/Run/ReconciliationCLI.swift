import Foundation

/// The jobs behind `motcua reconcile generate|run|report`, as functions the command line and tests call.
/// Argument parsing lives in the executable (swift-argument-parser); this target stays free of it.
///
/// ```
/// reconcile generate --people N --records M [--seed S] [--errors mix.json] [--generator tuning|independent] --out DIR
/// reconcile run --register R.csv --source S.csv [--register-mapping M.json] [--source-mapping M.json]
///               [--findings F.csv] [--jsonl F.jsonl] [--rejects X.csv] [--truth T.csv]
///               [--parallelism N] [--target-precision P] [--absent-share S] [--report-json R.json] [--quiet]
/// reconcile report --findings F.csv --truth T.csv
/// ```
/// Without `--rejects`, the first bad row stops the run; with it, bad rows are skipped into that file.
/// Progress goes to standard error, results to standard output.
public enum ReconciliationCLI {
    /// `reconcile generate`: a synthetic register, source and ground truth.
    public struct GenerateOptions: Sendable {
        public var people: Int
        public var records: Int
        public var seed: UInt64
        /// A JSON ``ErrorMix``; the default mix when nil.
        public var errors: URL?
        public var out: URL
        public var quiet: Bool
        /// `tuning` (the generator the engine was developed on) or `independent` (``IndependentGenerator``).
        public var generator: Generator

        public enum Generator: String, Sendable, CaseIterable {
            case tuning, independent
        }

        public init(
            people: Int, records: Int, seed: UInt64 = 1, errors: URL? = nil, out: URL, quiet: Bool = false, generator: Generator = .tuning
        ) {
            self.generator = generator
            self.people = people
            self.records = records
            self.seed = seed
            self.errors = errors
            self.out = out
            self.quiet = quiet
        }
    }

    /// `reconcile run`: the options of ``Reconciler/run(_:progress:findings:)`` as files and numbers.
    public struct RunOptions: Sendable {
        public var register: URL
        public var source: URL
        public var registerMapping: URL?
        public var sourceMapping: URL?
        public var findings: URL?
        public var jsonLines: URL?
        public var rejects: URL?
        public var truth: URL?
        public var parallelism: Int
        public var targetPrecision: Double
        /// `nil` estimates the absent share from the data.
        public var absentShare: Double?
        public var reportJSON: URL?
        public var quiet: Bool
        public var decision: ReconciliationOptions.DecisionRule = .posterior

        public init(
            register: URL, source: URL, registerMapping: URL? = nil, sourceMapping: URL? = nil, findings: URL? = nil,
            jsonLines: URL? = nil, rejects: URL? = nil, truth: URL? = nil,
            parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, targetPrecision: Double = 0.999,
            absentShare: Double? = nil, reportJSON: URL? = nil, quiet: Bool = false
        ) {
            self.register = register
            self.source = source
            self.registerMapping = registerMapping
            self.sourceMapping = sourceMapping
            self.findings = findings
            self.jsonLines = jsonLines
            self.rejects = rejects
            self.truth = truth
            self.parallelism = parallelism
            self.targetPrecision = targetPrecision
            self.absentShare = absentShare
            self.reportJSON = reportJSON
            self.quiet = quiet
        }
    }

    /// Writes the dataset and prints where it went.
    public static func generate(_ options: GenerateOptions) throws {
        try FileManager.default.createDirectory(at: options.out, withIntermediateDirectories: true)
        var mix = ErrorMix()
        if let errors = options.errors { mix = try JSONDecoder().decode(ErrorMix.self, from: Data(contentsOf: errors)) }
        let start = ContinuousClock.now
        let synthetic = SyntheticOptions(people: options.people, records: options.records, seed: options.seed, errors: mix, directory: options.out)
        let dataset =
            switch options.generator {
            case .tuning: try SyntheticGenerator.generate(synthetic, progress: options.quiet ? nil : terminalProgress)
            case .independent: try IndependentGenerator.generate(synthetic, progress: options.quiet ? nil : terminalProgress)
            }
        clearProgressLine(quiet: options.quiet)
        print("generated \(dataset.register.path), \(dataset.source.path), \(dataset.truth.path) in "
            + String(format: "%.1fs", ProgressTracker.seconds(ContinuousClock.now - start)))
    }

    /// Runs the reconciliation, prints its report and returns it.
    /// - Parameter needingDecision: receives, batch by batch in source order, the findings other than
    ///   consistent matches: those a campaign's worklist stores.
    @discardableResult
    public static func reconcile(
        _ options: RunOptions, needingDecision: (@Sendable ([ReconciliationFinding]) async throws -> Void)? = nil
    ) async throws -> ReconciliationReport {
        var run = ReconciliationOptions(
            register: options.register, registerMapping: try options.registerMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping(),
            source: options.source, sourceMapping: try options.sourceMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping(),
            findingsCSV: options.findings, findingsJSONLines: options.jsonLines,
            badRows: options.rejects.map { .reject(to: $0) } ?? .stop, parallelism: options.parallelism,
            targetPrecision: options.targetPrecision, assumedAbsentShare: options.absentShare, groundTruth: options.truth)
        run.decision = options.decision
        run.sinkReceivesPlainMatches = false
        var sink: (@Sendable ([ReconciliationFinding]) async throws -> Void)?
        if let needingDecision {
            sink = { batch in try await needingDecision(batch.filter { $0.kinds != [.consistentMatch] }) }
        }
        let report = try await Reconciler.run(run, progress: options.quiet ? nil : terminalProgress, findings: sink)
        clearProgressLine(quiet: options.quiet)
        print(report.text)
        if let path = options.reportJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: path, options: .atomic)
        }
        return report
    }

    /// `reconcile compare`: both generators' datasets reconciled and their quality printed side by side.
    public struct CompareOptions: Sendable {
        public var people: Int
        public var records: Int
        public var seed: UInt64
        /// Datasets go to `out/tuning` and `out/independent`; existing ones (with a truth file) are reused.
        public var out: URL
        public var parallelism: Int
        public var quiet: Bool

        public init(people: Int, records: Int, seed: UInt64 = 1, out: URL, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, quiet: Bool = false) {
            self.people = people
            self.records = records
            self.seed = seed
            self.out = out
            self.parallelism = parallelism
            self.quiet = quiet
        }
    }

    /// Generates (unless present) and reconciles a dataset of each generator, prints a summary of each
    /// run and the two quality reports side by side, and returns the reports.
    @discardableResult
    public static func compare(_ options: CompareOptions) async throws -> [(title: String, report: ReconciliationReport)] {
        var results: [(title: String, report: ReconciliationReport)] = []
        for generator in GenerateOptions.Generator.allCases {
            let directory = options.out.appendingPathComponent(generator.rawValue)
            let truth = directory.appendingPathComponent("truth.csv")
            if !FileManager.default.fileExists(atPath: truth.path) {
                try generate(.init(people: options.people, records: options.records, seed: options.seed, out: directory, quiet: options.quiet, generator: generator))
            }
            let mapping = directory.appendingPathComponent("source-mapping.json")
            let run = ReconciliationOptions(
                register: directory.appendingPathComponent("register.csv"), source: directory.appendingPathComponent("source.csv"),
                sourceMapping: FileManager.default.fileExists(atPath: mapping.path) ? try ColumnMapping.load(from: mapping) : ColumnMapping(),
                findingsCSV: directory.appendingPathComponent("findings.csv"), parallelism: options.parallelism, groundTruth: truth)
            let report = try await Reconciler.run(run, progress: options.quiet ? nil : terminalProgress)
            clearProgressLine(quiet: options.quiet)
            print("\(generator.rawValue): \(report.sourceRows) records against \(report.registerRows) people; "
                + String(format: "thresholds (bits): automatic %.1f, review %.1f; ", report.thresholds.automatic, report.thresholds.review)
                + String(format: "%.2fs", report.timings.reduce(0) { $0 + $1.seconds }))
            results.append((generator.rawValue, report))
        }
        print("")
        print(QualityReport.sideBySide(results.compactMap { result in result.report.quality.map { (result.title, $0) } }))
        return results
    }

    /// Prints the quality of a findings file against the ground truth.
    public static func report(findings: URL, truth: URL) async throws {
        print(try await GroundTruth.evaluate(findings: findings, truth: truth).text)
    }

    /// Rewrites one status line on standard error.
    public static let terminalProgress: ProgressHandler = { progress in
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.line).utf8))
    }

    private static func clearProgressLine(quiet: Bool) {
        if !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
