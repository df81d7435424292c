/// Finds records that repeat an earlier record: same person and the same everything else (event type,
/// event date and every column that does not describe the person, see ``SourceRecord/contentHash``).
///
/// One person legitimately has several records (several events, several parcels): those differ in
/// what they record and are not duplicates. "Same person" is the automatically matched register
/// person; for records without one it is the same spelling of the name with the same date of birth. Sorting hashed keys keeps this linear-ish
/// and allocation-light at millions of records.
enum Duplicates {
    /// For each record, the index of the first record of the same event, or -1.
    static func find(records: [SourceRecord], outcomes: [MatchOutcome], parallelism: Int) async -> [Int32] {
        let parts = await Reconciler.parallelMap(count: records.count, parallelism: parallelism) { range -> [(key: UInt64, index: Int32)] in
            var keyed: [(key: UInt64, index: Int32)] = []
            keyed.reserveCapacity(range.count)
            for index in range {
                let record = records[index]
                let outcome = outcomes[index]
                let who: UInt64
                if outcome.decision == .automatic {
                    who = BlockingIndex.mix(UInt64(outcome.person) &+ 1)
                } else {
                    guard !record.name.isEmpty else { continue }
                    who = BlockingIndex.mix(record.name.fullSpelling ^ UInt64(UInt32(bitPattern: record.dateOfBirth)) << 1)
                }
                keyed.append((BlockingIndex.mix(who ^ BlockingIndex.mix(record.contentHash &+ 0x5555)), Int32(index)))
            }
            return keyed
        }
        // In record order, and the sort is stable: the first of each group of equal keys is the earliest record.
        var keyed = parts.flatMap { $0 }
        RadixSort.sort(&keyed, key: \.key)
        var duplicateOf = [Int32](repeating: -1, count: records.count)
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].key == keyed[start].key {
                duplicateOf[Int(keyed[end].index)] = keyed[start].index
                end += 1
            }
            start = end
        }
        return duplicateOf
    }
}
