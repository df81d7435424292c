import ArgumentParser
import Foundation
import Logging
import MotCuaApp
import MotCuaReconciliation
import MotCuaStorage

/// `motcua reconcile generate|run|report …`, and with `run --campaign NAME` the findings are stored
/// in the data stewards' worklist.
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconcile civil-status, land and insurance records against the population register.",
        discussion: ReconciliationCLI.usage + """

                   with `run`: [--campaign NAME] stores the findings that need a decision in that campaign's
                   worklist (all or nothing), in the database chosen by MOTCUA_DATABASE_URL / MOTCUA_SQLITE_PATH.
                   reconcile export-applicants --out FILE   the platform's dossier applicants as a source CSV
                   (record_id = dossier code; birth year and sex from the 12-digit ID).
            """)

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() async throws {
        if arguments.first == "export-applicants" { return try await exportApplicants() }
        var arguments = arguments
        var campaign: String?
        if let index = arguments.firstIndex(of: "--campaign") {
            guard index + 1 < arguments.count else { throw ValidationError("--campaign needs a name") }
            campaign = arguments[index + 1]
            arguments.removeSubrange(index...(index + 1))
        }
        var temporary: URL?
        var jsonLines: URL?
        if campaign != nil {
            guard arguments.first == "run" else { throw ValidationError("--campaign goes with 'reconcile run'") }
            if let index = arguments.firstIndex(of: "--jsonl"), index + 1 < arguments.count {
                jsonLines = URL(fileURLWithPath: arguments[index + 1])
            } else {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-findings-\(UUID().uuidString).jsonl")
                arguments += ["--jsonl", file.path]
                temporary = file
                jsonLines = file
            }
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let status = await ReconciliationCLI.run(arguments: arguments)
        guard status == 0 else { throw ExitCode(status) }
        guard let campaign, let jsonLines else { return }
        let source = arguments.firstIndex(of: "--source").map { arguments[$0 + 1] } ?? "source"
        try await store(jsonLines, campaign: campaign, sourceName: URL(fileURLWithPath: source).lastPathComponent)
    }

    /// `reconcile export-applicants --out FILE`: the platform's dossier applicants as a source CSV.
    private func exportApplicants() async throws {
        guard let index = arguments.firstIndex(of: "--out"), index + 1 < arguments.count else {
            throw ValidationError("usage: motcua reconcile export-applicants --out FILE")
        }
        let out = URL(fileURLWithPath: arguments[index + 1])
        let count = try await Platform.withPlatform(try Self.appConfiguration(), logger: .init(label: "motcua")) { platform in
            try await ApplicantsExport.writeCSV(platform: platform, to: out)
        }
        FileHandle.standardError.write(Data("wrote \(count) applicants to \(out.path)\n".utf8))
    }

    static func appConfiguration() throws -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.sqlitePath = "var/motcua.sqlite"
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        return configuration
    }

    /// Loads the findings that need a decision (everything but plain consistent matches) into the worklist.
    private func store(_ file: URL, campaign: String, sourceName: String) async throws {
        let started = Date()
        let inputs = try FindingsImport.read(file)
        let configuration = try Self.appConfiguration()
        let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "steward")
        try await Platform.withPlatform(configuration, logger: .init(label: "motcua")) { platform in
            try await platform.migrate()
            let target = try await platform.worklist.campaign(named: campaign, description: nil, createdBy: actor)
            try await platform.worklist.storeRun(campaignID: target.id, sourceName: sourceName, findings: inputs, createdBy: actor)
        }
        FileHandle.standardError.write(
            Data("stored \(inputs.count) findings needing a decision in campaign '\(campaign)' in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n".utf8))
    }
}

/// Reads the JSON-lines findings file of a run.
enum FindingsImport {
    static func read(_ file: URL) throws -> [FindingInput] {
        let data = try Data(contentsOf: file)
        let decoder = JSONDecoder()
        var inputs: [FindingInput] = []
        let consistent = Array(#""kinds":["consistent_match"]"#.utf8)
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard !line.isEmpty, !contains(line, consistent) else { continue }
                let lineData = Data(line)
                let finding = try decoder.decode(ReconciliationFinding.self, from: lineData)
                inputs.append(FindingInput(finding, payload: String(decoding: lineData, as: UTF8.self)))
            }
        }
        return inputs
    }

    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for offset in 0...(haystack.count - needle.count) where haystack[offset] == needle[0] {
            if zip(needle.indices, needle).allSatisfy({ haystack[offset + $0.0] == $0.1 }) { return true }
        }
        return false
    }
}
