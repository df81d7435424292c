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
        @Option(help: "Also write the land holders as a land-campaign source CSV (with its column mapping as FILE.mapping.json).")
        var land: String?
        @Option(help: "Also write the insurance participants as an insurance-campaign source CSV (with FILE.mapping.json).")
        var insurance: String?

        func run() async throws {
            guard people > 0 else { throw ValidationError("--people must be positive") }
            let started = Date()
            let registry = RegistryGenerator(seed: seed, people: people).generate()
            try RegisterExport.writeCSV(registry, to: URL(fileURLWithPath: out))
            for (file, mapping, write) in [
                (land, CampaignSourceExport.landMapping, CampaignSourceExport.writeLand),
                (insurance, CampaignSourceExport.insuranceMapping, CampaignSourceExport.writeInsurance),
            ] {
                guard let file else { continue }
                let written = try write(registry, URL(fileURLWithPath: file), seed, nil)
                let json = try JSONSerialization.data(withJSONObject: ["columns": mapping], options: [.prettyPrinted, .sortedKeys])
                try json.write(to: URL(fileURLWithPath: file + ".mapping.json"))
                FileHandle.standardError.write(
                    Data("wrote \(written.records) records to \(file) (\(written.withOldID) with an old ID, \(written.oldIDLost) whose old ID is missing)\n".utf8))
            }
            FileHandle.standardError.write(
                Data("wrote \(registry.personCount) people to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n".utf8))
        }
    }
}
