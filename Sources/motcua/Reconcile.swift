import ArgumentParser
import Foundation
import Logging
import MotCuaApp
import MotCuaReconciliation
import MotCuaStorage

/// `motcua reconcile generate|run|report|export-applicants`; with `run --campaign NAME` the findings are
/// stored in the data stewards' worklist.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconcile civil-status, land and insurance records against the population register.",
        discussion: "Without --rejects, the first bad row stops a run; with it, bad rows are skipped into that file.",
        subcommands: [Generate.self, Run.self, Report.self, Compare.self, ExportApplicants.self, Convert.self])

    static func appConfiguration() throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.sqlitePath = "var/motcua.sqlite"
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        return configuration
    }
}

/// A non-negative whole number, written with or without `_` separators (`--people 100_000`).
struct Count: ExpressibleByArgument, Sendable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        guard let value = Int(argument.replacingOccurrences(of: "_", with: "")), value >= 0 else { return nil }
        self.value = value
    }

    /// The default as `--help` shows it (without this, "Count(value: 1)").
    var defaultValueDescription: String { String(value) }
}

/// A share between 0 and 1.
struct Share: ExpressibleByArgument, Sendable {
    let value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        guard let value = Double(argument), (0...1).contains(value) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { String(value) }
}

extension Reconcile {
    /// `reconcile generate`: a synthetic register, source and ground truth, reproducible from the seed.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate a synthetic register, source and ground truth.")

        @Option(help: "People in the register.") var people: Count
        @Option(help: "Records in the source.") var records: Count
        @Option(help: "Random seed.") var seed = Count(1)
        @Option(help: "JSON error mix.") var errors: String?
        @Option(help: "Output directory.") var out: String
        @Option(help: "tuning (the engine's own generator) or independent (never used for tuning; writes source-mapping.json).")
        var generator = ReconciliationCLI.GenerateOptions.Generator.tuning
        @Flag(help: "No progress line.") var quiet = false

        func run() throws {
            try ReconciliationCLI.generate(
                .init(
                    people: people.value, records: records.value, seed: UInt64(seed.value), errors: errors.map(URL.init(fileURLWithPath:)),
                    out: URL(fileURLWithPath: out), quiet: quiet, generator: generator))
        }
    }

    /// `reconcile report`: the quality of a findings file against the ground truth.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Measure a findings file against the ground truth.")

        @Option(help: "Findings CSV.") var findings: String
        @Option(help: "Ground-truth CSV.") var truth: String

        func run() async throws {
            try await ReconciliationCLI.report(findings: URL(fileURLWithPath: findings), truth: URL(fileURLWithPath: truth))
        }
    }

    /// `reconcile compare`: a dataset of each generator reconciled, quality side by side.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a dataset with each generator (tuning and independent), reconcile both and print their quality side by side.",
            discussion: "Datasets go to OUT/tuning and OUT/independent and are reused when present.")

        @Option(help: "People in each register.") var people: Count
        @Option(help: "Records in each source.") var records: Count
        @Option(help: "Random seed.") var seed = Count(1)
        @Option(help: "Output directory.") var out: String
        @Option(help: "Parallel workers.") var parallelism: Count?
        @Flag(help: "No progress line.") var quiet = false

        func run() async throws {
            var options = ReconciliationCLI.CompareOptions(
                people: people.value, records: records.value, seed: UInt64(seed.value), out: URL(fileURLWithPath: out), quiet: quiet)
            if let parallelism { options.parallelism = max(1, parallelism.value) }
            try await ReconciliationCLI.compare(options)
        }
    }

    /// `reconcile export-applicants`: the platform's dossier applicants as a source CSV.
    struct ExportApplicants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the platform's dossier applicants as a source CSV.",
            discussion: "record_id = dossier code; birth year and sex from the 12-digit ID. The database is chosen by MOTCUA_DATABASE_URL / MOTCUA_SQLITE_PATH.")

        @Option(help: "Output file.") var out: String

        func run() async throws {
            let out = URL(fileURLWithPath: out)
            let count = try await Platform.withPlatform(try Reconcile.appConfiguration(), logger: .init(label: "motcua")) { platform in
                try await ApplicantsExport.writeCSV(platform: platform, to: out)
            }
            FileHandle.standardError.write(Data("wrote \(count) applicants to \(out.path)\n".utf8))
        }
    }
}

extension ReconciliationCLI.GenerateOptions.Generator: ExpressibleByArgument {}
