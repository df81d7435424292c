/// A compressed one-to-many index (CSR): for each owner 0..<n, the rows that belong to it.
///
/// One offsets array and one entries array instead of an array per owner, which at millions of owners
/// saves the per-array header and allocation.
struct OwnerIndex: Sendable {
    private let offsets: [Int32]
    private let entries: [Int32]

    /// Builds the index from a function that reports every (owner, row) pair; it is called twice.
    init(ownerCount: Int, pairs: ((_ owner: Int32, _ row: Int32) -> Void) -> Void) {
        var counts = [Int32](repeating: 0, count: ownerCount + 1)
        pairs { owner, _ in counts[Int(owner) + 1] += 1 }
        for index in stride(from: 1, through: ownerCount, by: 1) { counts[index] += counts[index - 1] }
        offsets = counts
        var cursor = counts
        var entries = [Int32](repeating: 0, count: Int(counts[ownerCount]))
        pairs { owner, row in
            entries[Int(cursor[Int(owner)])] = row
            cursor[Int(owner)] += 1
        }
        self.entries = entries
    }

    func rows(of owner: Int) -> ArraySlice<Int32> {
        guard owner >= 0, owner + 1 < offsets.count else { return [] }
        return entries[Int(offsets[owner])..<Int(offsets[owner + 1])]
    }
}
