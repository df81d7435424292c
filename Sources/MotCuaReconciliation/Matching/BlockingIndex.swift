/// Blocking: the register sorted by several keys, so that each source record is compared only with
/// people who share at least one key. Cost grows with the data, not with its square.
///
/// The keys are built on folded names, so diacritic, case, Unicode-form and Đ/D variants fall into the
/// same block, and each key tolerates a different kind of error:
/// 0. surname + middle + given name + birth year and month: wrong days (off by one; probed with the
///    neighbouring month at a month's edge);
/// 1. given name + full date of birth: wrong or regional-variant surnames (Hoàng/Huỳnh), omitted middles;
/// 2. surname + full date of birth + sex: misspelt given names (sex keeps these blocks half as large: in a province
///    where 38% are Nguyễn, one birth date holds dozens of them; a record without a sex probes both);
/// 3. given name + birth year + sex + commune: a date error together with an omitted middle name or a
///    surname variant;
/// 4. surname + middle + given name + birth year: probed only for records whose date is year-only;
/// 5. surname + given name + birth year + sex (no middle name, no day): a year-only date together with an
///    omitted middle name;
/// 6. surname + middle + given name + sex, no date: a missing date of birth.
/// Keys 2, 3, 5 and 6 hold the sex, which a true pair nearly always shares, so that namesakes of the other sex
/// neither cost comparisons nor fill a wide block past its cap. A record without a sex probes them under both,
/// a register person without one is filed under both, and a register without the column is keyed without it.
/// Keys 1 and 2 are also probed with day and month swapped, and key 1 with given and middle name swapped.
/// Keys 5 and 6 are wide, so they are probed only for records the narrow keys leave without a clean
/// candidate (see ``Matcher/search(_:excluding:)``), and their blocks are capped lower.
/// Keys are narrow on purpose: in a province where 38% are Nguyễn, "surname + given + year" alone makes
/// blocks of hundreds, and comparing them would dominate the run.
///
/// Each key is stored as one sorted `UInt64` per person: the top 39 bits are the key hash and the low
/// 25 bits the person's index, so a block is a contiguous run. A directory on the top bits of the hash
/// finds that run with two memory accesses; a binary search over millions of entries would cost
/// twenty cache misses per probe, which at provincial scale dominated the whole matching phase.
struct BlockingIndex: Sendable {
    static let keyCount = 7
    /// The first of the wide keys.
    static let firstWideKey = 5
    static let indexBits: UInt64 = 25
    static let maximumPeople = 1 << 25
    /// Blocks larger than this are skipped for that key; the other keys still apply. A block that large
    /// is a name so common that it could not decide a link anyway, and skipping it bounds the cost of
    /// a record whatever the data. The wide keys leave out the day (and key 6 the year): a block of more
    /// than 100 namesakes of one sex there still holds about one per commune of a 99-commune province, too
    /// many for the remaining fields to tell apart.
    static let maximumBlock = [5_000, 5_000, 5_000, 5_000, 5_000, 100, 100]

    private let sorted: [[UInt64]]
    /// For the kinds in ``gatheredKinds``, once ``gather(_:parallelism:)`` has run: the candidate entries of
    /// `sorted[kind]`, in the same order, so that a block's candidates are read one after another instead of each
    /// from a random place among millions (matching waits on memory, not on arithmetic).
    private var gathered: [CandidateTable?] = Array(repeating: nil, count: keyCount)
    /// The kinds whose blocks hold many people, where reading in sequence pays for the copy (224 MB each at
    /// 3.5 million): surname + full date, and the keys that leave out the middle name, the day or the date.
    static let gatheredKinds = [2, 3, 5, 6]
    /// Per key kind: `directory[b]` is the first entry whose hash has top bits `b`.
    private let directories: [[UInt32]]
    private let directoryShift: UInt64
    /// Whether the keys that can hold the sex (``sexKeys``) do. A register that mostly lacks the sex (a file
    /// without the column) is keyed without it; otherwise a person without one is filed under both sexes.
    let keyedBySex: Bool

    /// The key kinds that hold the sex when ``keyedBySex``: 2, 3, 5 and 6, one bit each.
    static let sexKeys: UInt8 = 1 << 2 | 1 << 3 | 1 << 5 | 1 << 6

    @inline(__always)
    static func holdsSex(_ kind: Int) -> Bool { sexKeys & 1 << kind != 0 }

    /// The sexes a record is looked for under in a key that holds the sex (``init(_:parallelism:)`` files a register
    /// person by the same rule).
    @inline(__always)
    func sexes(_ sex: UInt8) -> SexProbe {
        !keyedBySex ? .one(0) : sex == 0 ? .both : .one(sex)
    }

    /// One sex (0: the key is built without it), or both.
    enum SexProbe {
        case one(UInt8)
        case both
    }

    init(_ people: [RegisterPerson], parallelism: Int) async {
        // Half the register with a sex is a register that has the column.
        let withSex = people.lazy.filter { $0.sex != 0 }.count
        let keyedBySex = withSex * 2 > people.count
        self.keyedBySex = keyedBySex
        sorted = await withTaskGroup(of: (Int, [UInt64]).self) { group in
            for kind in 0..<Self.keyCount {
                group.addTask {
                    let holdsSex = Self.holdsSex(kind)
                    var entries: [UInt64] = .hugePaged(capacity: people.count + (holdsSex && keyedBySex ? people.count - withSex : 0))
                    for (index, person) in people.enumerated() {
                        let both = holdsSex && keyedBySex && person.sex == 0
                        let sex = !holdsSex || !keyedBySex ? 0 : both ? Code.male : person.sex
                        if let key = Self.key(kind, person.name, person.dateOfBirth, person.commune, sex) {
                            entries.append(key << Self.indexBits | UInt64(index))
                        }
                        if both, let key = Self.key(kind, person.name, person.dateOfBirth, person.commune, Code.female) {
                            entries.append(key << Self.indexBits | UInt64(index))
                        }
                    }
                    RadixSort.sort(&entries)
                    return (kind, entries)
                }
            }
            var sorted = [[UInt64]](repeating: [], count: Self.keyCount)
            for await (kind, entries) in group { sorted[kind] = entries }
            return sorted
        }
        var bits: UInt64 = 10
        while (1 << bits) < people.count && bits < 30 { bits += 1 }
        let shift = 64 - bits
        directoryShift = shift
        directories = sorted.map { entries in
            var directory: [UInt32] = .hugePaged(repeating: 0, count: (1 << Int(bits)) + 1)
            var bucket = 0
            for (position, entry) in entries.enumerated() {
                let target = Int(entry >> shift)
                while bucket <= target {
                    directory[bucket] = UInt32(position)
                    bucket += 1
                }
            }
            while bucket < directory.count {
                directory[bucket] = UInt32(entries.count)
                bucket += 1
            }
            return directory
        }
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The 39-bit key of one kind, or `nil` when the fields it needs are missing.
    @inline(__always)
    static func key(_ kind: Int, _ name: NameKeys, _ date: Int32, _ commune: UInt32, _ sex: UInt8) -> UInt64? {
        let year = UInt64(PackedDate.year(date))
        let fullDate = date != 0 && !PackedDate.isYearOnly(date)
        let hash: UInt64
        switch kind {
        case 0:
            guard name.surname != 0, name.given != 0, fullDate else { return nil }
            hash = mix(mix(name.surname) ^ mix(name.given &+ name.middle) ^ UInt64(date / 100) &* 0x1_0000_0001)
        case 4:
            guard name.surname != 0, name.given != 0, date != 0 else { return nil }
            hash = mix(mix(name.surname &+ 17) ^ mix(name.given &+ name.middle) ^ year &* 0x1_0000_0009)
        case 5:
            guard name.surname != 0, name.given != 0, date != 0 else { return nil }
            hash = mix(mix(name.surname &+ 19) ^ mix(name.given &+ 23) ^ (year | UInt64(sex) << 40) &* 0x1_0000_000B)
        case 6:
            guard name.surname != 0, name.given != 0, name.middle != 0 else { return nil }
            hash = mix(mix(name.surname &+ 29) ^ mix(name.given &+ name.middle &+ 31) ^ UInt64(sex) &* 0x1_0000_000D)
        case 1:
            guard name.given != 0, fullDate else { return nil }
            hash = mix(mix(name.given &+ 7) ^ UInt64(date) &* 0x1_0000_0003)
        case 2:
            guard name.surname != 0, fullDate else { return nil }
            hash = mix(mix(name.surname &+ 11) ^ (UInt64(date) | UInt64(sex) << 40) &* 0x1_0000_0005)
        default:
            guard name.given != 0, date != 0, commune != 0 else { return nil }
            hash = mix(mix(name.given &+ 13) ^ (year << 32 | UInt64(commune) << 2 | UInt64(sex)) &* 0x1_0000_0007)
        }
        return hash >> indexBits
    }

    /// Copies the candidate entries of the ``gatheredKinds`` into block order.
    mutating func gather(_ candidates: CandidateTable, parallelism: Int) async {
        let sorted = sorted
        let copies = await Reconciler.parallelMap(count: Self.gatheredKinds.count, parallelism: parallelism, chunksPerWorker: 2) { range in
            range.map { CandidateTable(gathering: candidates, order: sorted[Self.gatheredKinds[$0]], indexBits: Self.indexBits) }
        }.flatMap { $0 }
        for (kind, copy) in zip(Self.gatheredKinds, copies) { gathered[kind] = copy }
    }

    /// Calls `body` with the index and the candidate entry of every person in the block of `key` for key kind `kind`.
    /// Returns 0, or the size of the block when it was too large and skipped.
    @inline(__always)
    @discardableResult
    func forEach(kind: Int, key: UInt64, candidates: CandidateTable, _ body: (Int32, CandidateTable.Entry) -> Void) -> Int {
        let entries = sorted[kind]
        let low = key << Self.indexBits
        let bucket = Int(low >> directoryShift)
        var lower = Int(directories[kind][bucket])
        var upper = Int(directories[kind][bucket + 1])
        while lower < upper {
            let middle = (lower + upper) >> 1
            if entries[middle] < low { lower = middle + 1 } else { upper = middle }
        }
        var end = lower
        let mask = UInt64.max << Self.indexBits
        while end < entries.count && entries[end] & mask == low { end += 1 }
        guard end - lower <= Self.maximumBlock[kind] else { return end - lower }
        let indexMask = (UInt64(1) << Self.indexBits) - 1
        let copy = gathered[kind]
        for position in lower..<end {
            let index = Int32(truncatingIfNeeded: entries[position] & indexMask)
            // One call of `body`: a second would keep the comparison from being inlined into this loop.
            body(index, copy?[Int32(truncatingIfNeeded: position)] ?? candidates[index])
        }
        return 0
    }
}
