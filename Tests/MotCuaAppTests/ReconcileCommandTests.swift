import Foundation
import Logging
import MotCuaApp
import MotCuaStorage
import Testing

/// The data-cleaning commands as a steward runs them: generate a dataset, reconcile it into a campaign,
/// find the findings in the worklist.
@Suite("motcua reconcile")
struct ReconcileCommandTests {
    @discardableResult
    static func motcua(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = CrashSafetyTests.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("Generate, then reconcile into a campaign: the run prints its quality report and the findings reach the worklist")
    func generateReconcileAndStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-reconcile-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("db.sqlite").path
        let environment = ["MOTCUA_SQLITE_PATH": database]
        let data = directory.appendingPathComponent("data").path
        let generated = try Self.motcua(["reconcile", "generate", "--people", "4000", "--records", "3000", "--seed", "7", "--out", data], environment: environment)
        #expect(generated.status == 0, "\(generated.output)")
        let run = try Self.motcua(
            [
                "reconcile", "run", "--register", data + "/register.csv", "--source", data + "/source.csv", "--truth", data + "/truth.csv",
                "--findings", directory.appendingPathComponent("findings.csv").path, "--campaign", "Rà soát kết hôn 90 ngày",
            ], environment: environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.lowercased().contains("precision"))
        #expect(run.output.contains("stored"))
        var configuration = AppConfiguration()
        configuration.sqlitePath = database
        let progress = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            try await platform.worklist.campaigns()
        }
        let campaign = try #require(progress.first { $0.campaign.name == "Rà soát kết hôn 90 ngày" })
        #expect(campaign.total > 0 && campaign.open == campaign.total)
        // a run that fails on bad input stores nothing
        try "record_id;ngay_sinh\n1;01/01/2020\n".write(toFile: data + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try Self.motcua(
            ["reconcile", "run", "--register", data + "/register.csv", "--source", data + "/bad.csv", "--campaign", "Hỏng"], environment: environment)
        #expect(bad.status != 0)
        #expect(bad.output.contains("bad.csv"))
        let after = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            try await platform.worklist.campaigns()
        }
        #expect(!after.contains { $0.campaign.name == "Hỏng" })
        // a name that belongs to an agency's campaign is refused before the engine runs, and that campaign gets nothing
        try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            _ = try await platform.worklist.campaign(named: "Đất đai Sở TNMT", description: nil, createdBy: "test", agencyID: "so-tnmt")
        }
        let taken = try Self.motcua(
            ["reconcile", "run", "--register", data + "/register.csv", "--source", data + "/source.csv", "--campaign", "Đất đai Sở TNMT"],
            environment: environment)
        #expect(taken.status != 0)
        #expect(taken.output.contains("agency's campaign"), "\(taken.output)")
        #expect(!taken.output.lowercased().contains("precision"))
        let agency = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
            try await platform.worklist.campaigns().first { $0.campaign.name == "Đất đai Sở TNMT" }
        }
        #expect(agency?.total == 0)
        // a blank campaign name is refused naming the option
        let blank = try Self.motcua(
            ["reconcile", "run", "--register", data + "/register.csv", "--source", data + "/source.csv", "--campaign", "   "], environment: environment)
        #expect(blank.status != 0)
        #expect(blank.output.contains("--campaign: campaign name must be 1–200 characters"), "\(blank.output)")
    }

    @Test("Usage errors name the missing option or the unknown subcommand and exit non-zero")
    func usageErrors() throws {
        let missing = try Self.motcua(["reconcile", "run", "--register"], environment: [:])
        #expect(missing.status != 0)
        #expect(missing.output.contains("--register"), "\(missing.output)")
        let unknown = try Self.motcua(["reconcile", "frobnicate"], environment: [:])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("frobnicate"), "\(unknown.output)")
        let share = try Self.motcua(["reconcile", "run", "--register", "r.csv", "--source", "s.csv", "--target-precision", "2"], environment: [:])
        #expect(share.status != 0 && share.output.contains("target-precision"), "\(share.output)")
        let help = try Self.motcua(["reconcile", "run", "--help"], environment: [:])
        for option in ["--register-mapping", "--source-mapping", "--findings", "--jsonl", "--rejects", "--truth", "--parallelism", "--absent-share", "--report-json", "--campaign", "--quiet"] {
            #expect(help.output.contains(option), "\(option)")
        }
    }
}
