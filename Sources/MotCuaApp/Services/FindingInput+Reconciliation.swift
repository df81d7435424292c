import MotCuaReconciliation
import MotCuaStorage

extension FindingInput {
    /// The worklist row of a reconciliation finding, the finding itself stored as its JSON text.
    public init(_ finding: ReconciliationFinding) {
        self.init(
            sourceRecordID: finding.sourceRecordID, sourceLine: finding.sourceLine, kinds: finding.kinds.map(\.rawValue),
            citizenID: finding.citizenID, automatic: finding.automatic, payload: finding.jsonText)
    }
}
