import Foundation
import MotCuaReconciliation
import MotCuaStorage
import Synchronization

/// Runs a reconciliation on files of the import directory and stores its findings in a campaign.
struct ReconciliationRunner: Sendable {
    let importDirectory: URL
    let worklist: SQLWorklistRepository

    /// A file of the import directory, named without directories, that exists.
    func file(_ name: String, field: String) throws -> URL {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != ".." else {
            throw Problem.invalid("Chỉ tên tệp trong thư mục nhập / give a file name in the import directory, without directories", field: field)
        }
        let url = importDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Problem.invalid("Không có tệp \(name) / no file '\(name)' in the import directory", field: field)
        }
        return url
    }

    /// Runs and stores; returns the run id, the report and how many findings were stored.
    func run(campaignID: String, register: URL, source: URL, registerMapping: URL?, sourceMapping: URL?, by actor: String) async throws
        -> (runID: String, report: ReconciliationReport, stored: Int)
    {
        let options = ReconciliationOptions(
            register: register, registerMapping: try registerMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping(), source: source,
            sourceMapping: try sourceMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping())
        let collected = Mutex<[FindingInput]>([])
        let report = try await Reconciler.run(options, findings: { batch in
            let encoder = JSONEncoder()
            let inputs = try batch.filter { $0.kinds != [.consistentMatch] }.map { finding in
                FindingInput(finding, payload: String(decoding: try encoder.encode(finding), as: UTF8.self))
            }
            collected.withLock { $0 += inputs }
        })
        let inputs = collected.withLock { $0 }
        let runID = try await worklist.storeRun(campaignID: campaignID, sourceName: source.lastPathComponent, findings: inputs, createdBy: actor)
        return (runID, report, inputs.count)
    }
}
