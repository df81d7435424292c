import Foundation
import MotCuaReconciliation
import MotCuaStorage

/// Runs a reconciliation on files of the import directory, streaming its findings to a sink.
struct ReconciliationRunner: Sendable {
    let importDirectory: URL
    /// Findings encoded and written per staging insert.
    static let stagingChunk = 4_096

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

    /// Runs the engine and hands the findings that need a decision to `stage`, batch by batch as the engine
    /// produces them, so no run's findings are ever all in memory here.
    func run(
        register: URL, source: URL, registerMapping: URL?, sourceMapping: URL?, progress: @escaping ProgressHandler,
        stage: @escaping @Sendable ([FindingInput]) async throws -> Void
    ) async throws -> ReconciliationReport {
        var options = ReconciliationOptions(
            register: register, registerMapping: try registerMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping(), source: source,
            sourceMapping: try sourceMapping.map(ColumnMapping.load(from:)) ?? ColumnMapping())
        options.sinkReceivesPlainMatches = false
        return try await Reconciler.run(options, progress: progress, findings: { batch in
            // Encoded and staged a few thousand at a time, so a batch's JSON is never all in memory at once.
            let needed = batch.filter { $0.kinds != [.consistentMatch] }
            for start in stride(from: 0, to: needed.count, by: Self.stagingChunk) {
                try Task.checkCancellation()
                try await stage(needed[start..<min(needed.count, start + Self.stagingChunk)].map(FindingInput.init))
            }
        })
    }
}
