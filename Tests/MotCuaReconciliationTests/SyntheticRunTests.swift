import Foundation
import MotCuaDomain
import Synchronization
import Testing

@testable import MotCuaReconciliation

/// Generator and engine together: reproducibility, output formats and quality against ground truth.
@Suite struct SyntheticRunTests {
    @Test func theSameSeedGeneratesTheSameBytesAndAnotherSeedDoesNot() throws {
        let directory = try TemporaryDirectory()
        func generate(_ name: String, seed: UInt64) throws -> SyntheticDataset {
            let folder = directory.path(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SyntheticGenerator.generate(SyntheticOptions(people: 3_000, records: 2_000, seed: seed, directory: folder))
        }
        let first = try generate("a", seed: 42)
        let second = try generate("b", seed: 42)
        let third = try generate("c", seed: 43)
        for keyPath in [\SyntheticDataset.register, \.source, \.truth] {
            #expect(try Data(contentsOf: first[keyPath: keyPath]) == Data(contentsOf: second[keyPath: keyPath]))
            #expect(try Data(contentsOf: first[keyPath: keyPath]) != Data(contentsOf: third[keyPath: keyPath]))
        }
    }

    @Test func generatedCitizenIDsAreStructurallyValidForTheirSexAndBirthYear() throws {
        let directory = try TemporaryDirectory()
        let dataset = try SyntheticGenerator.generate(SyntheticOptions(people: 2_000, records: 100, seed: 5, directory: directory.url))
        let rows = try String(contentsOf: dataset.register, encoding: .utf8).split(separator: "\n").dropFirst()
        for row in rows {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let sex: Sex = cells[3] == "male" ? .male : .female
            #expect(throws: Never.self) { try CitizenID(cells[0], sex: sex, birthYear: Int(cells[4].prefix(4))!) }
        }
    }

    @Test func aGeneratedProvinceSampleMeetsTheQualityTargets() async throws {
        let directory = try TemporaryDirectory()
        let dataset = try SyntheticGenerator.generate(SyntheticOptions(people: 40_000, records: 30_000, seed: 2026, directory: directory.url))
        let phases = Mutex<Set<String>>([])
        let report = try await Reconciler.run(
            ReconciliationOptions(
                register: dataset.register, source: dataset.source, findingsCSV: directory.path("findings.csv"), groundTruth: dataset.truth),
            progress: { progress in _ = phases.withLock { $0.insert(progress.phase.rawValue) } })
        let quality = try #require(report.quality)
        #expect(quality.records == 30_000)
        #expect(quality.automaticMatches.precision >= 0.999)
        #expect(quality.automaticMatches.recall >= 0.99)
        #expect(try #require(quality.automaticMatchesBySituation["no_id"]).recall >= 0.97)
        #expect(try #require(quality.kinds["legacy_id_conversion"]).recall >= 0.99)
        #expect(try #require(quality.kinds["id_points_at_another_person"]).precision >= 0.99)
        #expect(phases.withLock { $0 }.isSuperset(of: ["readingRegister", "readingSource", "matching", "writing", "done"]))
        // The findings file read back gives the same quality as the in-memory evaluation, except the
        // candidate-found counts: the file does not name the best candidate of a record left unmatched.
        let reread = try await GroundTruth.evaluate(findings: directory.path("findings.csv"), truth: dataset.truth)
        #expect(reread.bySituation.values.allSatisfy { $0.candidateFound == 0 })
        var withoutCandidates = quality
        for key in withoutCandidates.bySituation.keys { withoutCandidates.bySituation[key]!.candidateFound = 0 }
        for key in withoutCandidates.byError.keys { withoutCandidates.byError[key]!.candidateFound = 0 }
        #expect(reread == withoutCandidates)
        #expect(try #require(quality.bySituation["no_id"]).candidateRate >= 0.99)
    }

    @Test func findingsAreTheSameWhateverTheOutputsAndJSONLinesDecodeAsFindings() async throws {
        let directory = try TemporaryDirectory()
        let dataset = try SyntheticGenerator.generate(SyntheticOptions(people: 6_000, records: 4_000, seed: 9, directory: directory.url))
        // Without a findings sink most rows take the byte-level fast path; with one, every row is built in full.
        _ = try await Reconciler.run(
            ReconciliationOptions(
                register: dataset.register, source: dataset.source, findingsCSV: directory.path("fast.csv"),
                findingsJSONLines: directory.path("fast.jsonl")))
        let collected = FindingCollector()
        _ = try await Reconciler.run(
            ReconciliationOptions(
                register: dataset.register, source: dataset.source, findingsCSV: directory.path("full.csv"),
                findingsJSONLines: directory.path("full.jsonl")),
            findings: { await collected.add($0) })
        #expect(try Data(contentsOf: directory.path("fast.csv")) == Data(contentsOf: directory.path("full.csv")))
        #expect(try Data(contentsOf: directory.path("fast.jsonl")) == Data(contentsOf: directory.path("full.jsonl")))
        #expect(await collected.findings.count == 4_000)
        let lines = try String(contentsOf: directory.path("full.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4_000)
        let decoded = try lines.map { try JSONDecoder().decode(ReconciliationFinding.self, from: Data($0.utf8)) }
        #expect(decoded.allSatisfy { !$0.kinds.isEmpty && !$0.evidence.isEmpty || $0.kinds == [.noMatch] })
        #expect(Set(decoded.flatMap(\.kinds)).isSuperset(of: [.consistentMatch, .fieldDiscrepancy, .legacyIDConversion, .duplicateInSource]))
    }

    @Test func theCommandLineJobsGenerateRunAndReport() async throws {
        let directory = try TemporaryDirectory()
        let out = directory.url
        try ReconciliationCLI.generate(.init(people: 3000, records: 2000, out: out, quiet: true))
        try await ReconciliationCLI.reconcile(
            .init(
                register: out.appendingPathComponent("register.csv"), source: out.appendingPathComponent("source.csv"),
                findings: out.appendingPathComponent("findings.csv"), truth: out.appendingPathComponent("truth.csv"),
                reportJSON: out.appendingPathComponent("report.json"), quiet: true))
        try await ReconciliationCLI.report(findings: out.appendingPathComponent("findings.csv"), truth: out.appendingPathComponent("truth.csv"))
        let report = try JSONDecoder().decode(ReconciliationReport.self, from: Data(contentsOf: directory.path("report.json")))
        #expect(report.sourceRows == 2000)
    }
}
