@testable import MotCuaReconciliation

extension Reconciler {
    /// Runs `options` and returns the report with every finding, so a test can look at both.
    static func runCollecting(_ options: ReconciliationOptions) async throws -> (report: ReconciliationReport, findings: [ReconciliationFinding]) {
        let collected = FindingCollector()
        let report = try await run(options, findings: { await collected.add($0) })
        return (report, await collected.findings)
    }

    /// The citizen ID each source record was linked or proposed to, by record ID.
    static func linked(_ findings: [ReconciliationFinding]) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: findings.map { ($0.sourceRecordID, $0.citizenID) })
    }
}
