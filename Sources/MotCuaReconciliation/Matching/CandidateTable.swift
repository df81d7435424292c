/// The register's matching fields packed into one 64-byte, cache-line-aligned entry per person.
///
/// Scoring a candidate is cheap; fetching it from memory is not. With millions of people every
/// candidate is a cache miss, so the fields a comparison needs (name keys, date, commune, sex and the
/// term frequencies) live together in a single cache line instead of three arrays.
final class CandidateTable: @unchecked Sendable {
    /// One person's matching fields. Spelling hashes are truncated to 32 bits: they are only compared
    /// within a pair whose folded names already agree, where a false equality is a 1-in-4-billion event.
    struct Entry {
        var surname: UInt64
        var given: UInt64
        var middle: UInt64
        var surnameSpelling: UInt32
        var givenSpelling: UInt32
        var middleSpelling: UInt32
        var dateOfBirth: Int32
        var commune: UInt32
        var frequency: TermFrequencies.Entry
        var sex: UInt8
    }

    // Written once in `init`, read-only afterwards: safe to share between tasks.
    private let entries: UnsafeMutablePointer<Entry>
    let count: Int

    init(_ people: [RegisterPerson], frequencies: TermFrequencies) {
        count = people.count
        let stride = MemoryLayout<Entry>.stride
        let raw = HugePages.allocate(byteCount: max(1, count) * stride)
        entries = raw.bindMemory(to: Entry.self, capacity: max(1, count))
        for (index, person) in people.enumerated() {
            let name = person.name
            (entries + index).initialize(
                to: Entry(
                    surname: name.surname, given: name.given, middle: name.middle,
                    surnameSpelling: UInt32(truncatingIfNeeded: name.surnameSpelling),
                    givenSpelling: UInt32(truncatingIfNeeded: name.givenSpelling),
                    middleSpelling: UInt32(truncatingIfNeeded: name.middleSpelling), dateOfBirth: person.dateOfBirth,
                    commune: person.commune, frequency: frequencies.entries[index], sex: person.sex))
        }
    }

    /// A copy of `table`'s entries in another order: entry `i` is the person in the low `indexBits` bits of `order[i]`.
    /// (See ``BlockingIndex/gather(_:parallelism:)``.)
    init(gathering table: CandidateTable, order: [UInt64], indexBits: UInt64) {
        count = order.count
        let raw = HugePages.allocate(byteCount: max(1, count) * MemoryLayout<Entry>.stride)
        entries = raw.bindMemory(to: Entry.self, capacity: max(1, count))
        let mask = (UInt64(1) << indexBits) - 1
        for (position, value) in order.enumerated() {
            (entries + position).initialize(to: table.entries[Int(value & mask)])
        }
    }

    @inline(__always)
    subscript(index: Int32) -> Entry { entries[Int(index)] }

    deinit { UnsafeMutableRawPointer(entries).deallocate() }
}

extension Comparison {
    /// Compares a source record with a packed register entry; same levels as `init(_:_:)` on a
    /// ``RegisterPerson``.
    @inline(__always)
    init(_ record: SourceRecord, _ entry: CandidateTable.Entry) {
        let a = record.name
        surname = Self.token(a.surname, entry.surname, UInt64(UInt32(truncatingIfNeeded: a.surnameSpelling)), UInt64(entry.surnameSpelling), regional: true)
        given = Self.token(a.given, entry.given, UInt64(UInt32(truncatingIfNeeded: a.givenSpelling)), UInt64(entry.givenSpelling), regional: false)
        if a.middle == 0 && entry.middle == 0 {
            middle = Middle.missing
        } else if a.middle == 0 || entry.middle == 0 {
            middle = Middle.omitted
        } else if UInt32(truncatingIfNeeded: a.middleSpelling) == entry.middleSpelling {
            middle = a.middle == entry.middle ? Middle.identical : Middle.differing(a.middle, entry.middle)
        } else {
            middle = a.middle == entry.middle ? Middle.folded : Middle.differing(a.middle, entry.middle)
        }
        if NameKeys.isSwapped(a, given: entry.given, middle: entry.middle) {
            given = Name.similar
            middle = Middle.folded
        }
        dateOfBirth = Self.date(record.dateOfBirth, entry.dateOfBirth)
        sex = record.sex == 0 || entry.sex == 0 ? Simple.missing : (record.sex == entry.sex ? Simple.agree : Simple.disagree)
        commune = Self.commune(record, entry.commune)
    }
}
