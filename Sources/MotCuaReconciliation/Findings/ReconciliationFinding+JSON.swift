extension ReconciliationFinding {
    /// The finding as one JSON object: the JSON-lines encoding of ``ReconciliationOptions/findingsJSONLines``
    /// without its newline, readable with `JSONDecoder` as a ``ReconciliationFinding``.
    ///
    /// How a worklist stores a finding; written by hand because `JSONEncoder` cost several microseconds per
    /// finding, and a run can have a million findings to store.
    public var jsonText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(640)
        FindingEncoding.appendJSONLine(self, to: &bytes)
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }
}
