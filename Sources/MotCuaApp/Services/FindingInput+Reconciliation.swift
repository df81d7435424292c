import MotCuaReconciliation
import MotCuaStorage

extension FindingInput {
    /// The worklist row of a reconciliation finding; `payload` is the finding as JSON.
    public init(_ finding: ReconciliationFinding, payload: String) {
        self.init(
            sourceRecordID: finding.sourceRecordID, sourceLine: finding.sourceLine, kinds: finding.kinds.map(\.rawValue),
            citizenID: finding.citizenID, automatic: finding.automatic, payload: payload)
    }
}
