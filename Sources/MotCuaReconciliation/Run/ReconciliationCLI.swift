import Foundation

/// The `motcua reconcile …` subcommands as one function, so the executable stays a thin wrapper and
/// this target needs no argument-parsing dependency.
///
/// ```
/// reconcile generate --people N --records M [--seed S] [--errors mix.json] --out DIR
/// reconcile run --register R.csv --source S.csv [--register-mapping M.json] [--source-mapping M.json]
///               [--findings F.csv] [--jsonl F.jsonl] [--rejects X.csv] [--truth T.csv]
///               [--parallelism N] [--target-precision P] [--absent-share S] [--report-json R.json] [--quiet]
/// reconcile report --findings F.csv --truth T.csv
/// ```
/// Without `--rejects`, the first bad row stops the run; with it, bad rows are skipped into that file.
public enum ReconciliationCLI {
    /// Runs a subcommand; returns the process exit status (0 success, 1 failure, 2 usage error).
    /// Progress goes to standard error, results to standard output.
    public static func run(arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            printError(usage)
            return 2
        }
        do {
            let options = try Options(Array(arguments.dropFirst()))
            switch command {
            case "generate": try generate(options)
            case "run": try await reconcile(options)
            case "report":
                let report = try await GroundTruth.evaluate(findings: try options.url("findings"), truth: try options.url("truth"))
                print(report.text)
            default:
                printError("unknown subcommand '\(command)'\n" + usage)
                return 2
            }
            return 0
        } catch let error as UsageError {
            printError(error.message + "\n" + usage)
            return 2
        } catch {
            printError("error: \(error)")
            return 1
        }
    }

    public static let usage = """
        usage: reconcile generate --people N --records M [--seed S] [--errors mix.json] --out DIR
               reconcile run --register R.csv --source S.csv [--register-mapping M.json] [--source-mapping M.json]
                             [--findings F.csv] [--jsonl F.jsonl] [--rejects X.csv] [--truth T.csv]
                             [--parallelism N] [--target-precision P] [--absent-share S] [--report-json R.json] [--quiet]
               reconcile report --findings F.csv --truth T.csv
        """

    private static func generate(_ options: Options) throws {
        let directory = try options.url("out")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var mix = ErrorMix()
        if let path = options.values["errors"] { mix = try JSONDecoder().decode(ErrorMix.self, from: Data(contentsOf: URL(fileURLWithPath: path))) }
        let start = ContinuousClock.now
        let dataset = try SyntheticGenerator.generate(
            SyntheticOptions(
                people: try options.int("people"), records: try options.int("records"), seed: UInt64(try options.int("seed", default: 1)),
                errors: mix, directory: directory),
            progress: options.flags.contains("quiet") ? nil : terminalProgress)
        clearProgressLine(options)
        print("generated \(dataset.register.path), \(dataset.source.path), \(dataset.truth.path) in "
            + String(format: "%.1fs", ProgressTracker.seconds(ContinuousClock.now - start)))
    }

    private static func reconcile(_ options: Options) async throws {
        let registerMapping = try options.values["register-mapping"].map { try ColumnMapping.load(from: URL(fileURLWithPath: $0)) } ?? ColumnMapping()
        let sourceMapping = try options.values["source-mapping"].map { try ColumnMapping.load(from: URL(fileURLWithPath: $0)) } ?? ColumnMapping()
        let run = ReconciliationOptions(
            register: try options.url("register"), registerMapping: registerMapping, source: try options.url("source"),
            sourceMapping: sourceMapping, findingsCSV: options.values["findings"].map(URL.init(fileURLWithPath:)),
            findingsJSONLines: options.values["jsonl"].map(URL.init(fileURLWithPath:)),
            badRows: options.values["rejects"].map { .reject(to: URL(fileURLWithPath: $0)) } ?? .stop,
            parallelism: try options.int("parallelism", default: ProcessInfo.processInfo.activeProcessorCount),
            targetPrecision: try options.double("target-precision", default: 0.999),
            assumedAbsentShare: try options.double("absent-share", default: 0.1),
            groundTruth: options.values["truth"].map(URL.init(fileURLWithPath:)))
        let report = try await Reconciler.run(run, progress: options.flags.contains("quiet") ? nil : terminalProgress)
        clearProgressLine(options)
        print(report.text)
        if let path = options.values["report-json"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// Rewrites one status line on standard error.
    public static let terminalProgress: ProgressHandler = { progress in
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.line).utf8))
    }

    private static func clearProgressLine(_ options: Options) {
        if !options.flags.contains("quiet") { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private static func printError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    struct UsageError: Error { let message: String }

    /// `--name value` pairs and bare `--flag`s.
    struct Options {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        static let flagNames: Set<String> = ["quiet"]

        init(_ arguments: [String]) throws {
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                guard argument.hasPrefix("--") else { throw UsageError(message: "unexpected argument '\(argument)'") }
                let name = String(argument.dropFirst(2))
                if Self.flagNames.contains(name) {
                    flags.insert(name)
                    index += 1
                    continue
                }
                guard index + 1 < arguments.count else { throw UsageError(message: "--\(name) needs a value") }
                values[name] = arguments[index + 1]
                index += 2
            }
        }

        func url(_ name: String) throws -> URL {
            guard let value = values[name] else { throw UsageError(message: "missing --\(name)") }
            return URL(fileURLWithPath: value)
        }

        func double(_ name: String, default fallback: Double) throws -> Double {
            guard let text = values[name] else { return fallback }
            guard let value = Double(text), value >= 0, value <= 1 else { throw UsageError(message: "--\(name) must be a number between 0 and 1") }
            return value
        }

        func int(_ name: String, default fallback: Int? = nil) throws -> Int {
            guard let text = values[name] else {
                if let fallback { return fallback }
                throw UsageError(message: "missing --\(name)")
            }
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 else {
                throw UsageError(message: "--\(name) must be a non-negative integer")
            }
            return value
        }
    }
}
