import ArgumentParser
import Foundation
import MotCuaRegistrySandbox

/// The national-registry sandbox's data.
struct Registry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "National-registry sandbox data (synthetic, generated from a seed).", subcommands: [Serve.self, Export.self])

    /// Writes the sandbox's population register as CSV, for reconciliation runs.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the synthetic population register and write it as CSV (the reconciliation register format).")

        @Option(help: "Number of people (Bắc Ninh: 3,600,000).") var people = 3_600_000
        @Option(help: "Generator seed; the same seed gives the same people.") var seed: UInt64 = 24
        @Option(help: "Output CSV file.") var out: String

        func run() async throws {
            guard people > 0 else { throw ValidationError("--people must be positive") }
            let started = Date()
            let registry = RegistryGenerator(seed: seed, people: people).generate()
            try RegisterExport.writeCSV(registry, to: URL(fileURLWithPath: out))
            FileHandle.standardError.write(
                Data("wrote \(registry.personCount) people to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n".utf8))
        }
    }
}
