/// Links source records to register people: IDs first, then blocking and Fellegi–Sunter scores.
struct Matcher: Sendable {
    let people: [RegisterPerson]
    let frequencies: TermFrequencies
    let candidates: CandidateTable
    let idIndex: IDIndex
    let legacyIndex: IDIndex
    let blocking: BlockingIndex
    let model: MatchModel
    var thresholds: MatchThresholds

    /// The result of a blocked search.
    struct Search {
        var best: Int32 = -1
        var bestScore: Float = -.infinity
        var second: Float = -.infinity
        var comparison = Comparison.none
        var candidates: Int32 = 0
    }

    /// Scores every person sharing a blocking key with `record`, except `excluded`.
    ///
    /// A person found under several keys is not de-duplicated through a per-person table (a cache miss
    /// of its own at provincial scale); a repeat of the current best is skipped, and a repeat of anyone
    /// else can only set the runner-up to the same score again.
    func search(_ record: SourceRecord, excluding excluded: Int32) -> Search {
        var result = Search()
        guard !record.name.isEmpty else { return result }
        let date = record.dateOfBirth
        let day = PackedDate.day(date)
        let month = PackedDate.month(date)
        let yearOnly = PackedDate.isYearOnly(date)
        // A day/month swap is a common entry error: probe the date-keyed blocks with the swap too.
        let swapped = day >= 1 && day <= 12 && day != month ? PackedDate.make(Int(PackedDate.year(date)), Int(day), Int(month)) : 0
        // An off-by-one day can cross into the neighbouring month, which key 0 (year and month) would miss.
        var before: Int32 = 0
        var after: Int32 = 0
        if date != 0 && !yearOnly {
            if day == 1 { before = PackedDate.fromDayNumber(PackedDate.dayNumber(date) - 1) }
            if Int(day) == PackedDate.daysInMonth(Int(PackedDate.year(date)), Int(month)) { after = PackedDate.fromDayNumber(PackedDate.dayNumber(date) + 1) }
        }
        @inline(__always) func probe(_ kind: Int, _ name: NameKeys, _ date: Int32) {
            guard let key = BlockingIndex.key(kind, name, date, record.commune, record.sex) else { return }
            blocking.forEach(kind: kind, key: key) { index in
                guard index != excluded, index != result.best else { return }
                let entry = candidates[index]
                let comparison = Comparison(record, entry)
                let score = model.score(comparison, entry.frequency)
                result.candidates += 1
                if score > result.bestScore {
                    result.second = result.bestScore
                    result.bestScore = score
                    result.best = index
                    result.comparison = comparison
                } else if score > result.second {
                    result.second = score
                }
            }
        }
        for kind in 0..<BlockingIndex.firstWideKey {
            if kind == 4 && !yearOnly { continue }
            for variant in 0..<3 {
                let date: Int32
                switch (kind, variant) {
                case (_, 0): date = record.dateOfBirth
                case (1, 1), (2, 1): date = swapped
                case (0, 1): date = before
                case (0, 2): date = after
                default: date = 0
                }
                if date != 0 { probe(kind, record.name, date) }
            }
        }
        // Given and middle name swapped ("Nguyễn Anh Văn" for "Nguyễn Văn Anh"): key 1 under the middle name.
        if record.name.middleAsGiven != 0 && record.dateOfBirth != 0 && !yearOnly {
            var name = record.name
            name.given = record.name.middleAsGiven
            probe(1, name, record.dateOfBirth)
        }
        // The wide keys, only when the narrow ones found no candidate agreeing on the name and the full date.
        if !Self.isClean(result.comparison) {
            if record.dateOfBirth != 0 { probe(5, record.name, record.dateOfBirth) }
            probe(6, record.name, 0)
        }
        return result
    }

    /// Whether a comparison agrees on surname, given name, middle name (up to diacritics) and the full date of birth.
    @inline(__always)
    static func isClean(_ comparison: Comparison) -> Bool {
        comparison.surname <= Comparison.Name.folded && comparison.given <= Comparison.Name.folded
            && (comparison.middle <= Comparison.Middle.folded || comparison.middle == Comparison.Middle.missing)
            && comparison.dateOfBirth == Comparison.Date.exact
    }

    /// The record's field-presence pattern: 2 × (0 full date, 1 birth year only, 2 no date) + (0 place known, 1 not).
    @inline(__always)
    static func pattern(_ record: SourceRecord) -> Int {
        let date = record.dateOfBirth == 0 ? 2 : PackedDate.isYearOnly(record.dateOfBirth) ? 1 : 0
        return date * 2 + (record.commune == 0 ? 1 : 0)
    }

    /// `record` with its fields reduced to `pattern`, or nil when it lacks a field the pattern has.
    static func masked(_ record: SourceRecord, to pattern: Int) -> SourceRecord? {
        let own = Self.pattern(record)
        guard own / 2 <= pattern / 2, own % 2 <= pattern % 2 else { return nil }
        var result = record
        if pattern / 2 == 1 { result.dateOfBirth = PackedDate.make(Int(PackedDate.year(record.dateOfBirth)), 0, 0) }
        if pattern / 2 == 2 { result.dateOfBirth = 0 }
        if pattern % 2 == 1 {
            result.commune = 0
            result.communeAlternative = 0
        }
        return result
    }

    /// Decides one record.
    func match(_ record: SourceRecord) -> MatchOutcome {
        var outcome = MatchOutcome()
        var excluded: Int32 = -1
        switch record.idKind {
        case .citizen, .legacy:
            let isCitizen = record.idKind == .citizen
            if let index = isCitizen ? idIndex.find(record.citizenID) : legacyIndex.find(record.legacyID) {
                let comparison = Comparison(record, people[Int(index)])
                let score = model.score(comparison, frequencies.entries[Int(index)])
                if Double(score) >= thresholds.conflict {
                    outcome.person = index
                    outcome.score = score
                    outcome.comparison = comparison
                    outcome.method = isCitizen ? .citizenID : .legacyID
                    outcome.decision = .automatic
                    outcome.idStatus = .confirmed
                    return outcome
                }
                outcome.idStatus = .conflicting
                outcome.idPerson = index
                excluded = index
            } else {
                outcome.idStatus = .unknown
            }
        case .invalid:
            outcome.idStatus = .invalid
        case .none:
            outcome.idStatus = .absent
        }
        let found = search(record, excluding: excluded)
        outcome.candidates = found.candidates
        guard found.best >= 0 else { return outcome }
        outcome.person = found.best
        outcome.score = found.bestScore
        outcome.secondScore = found.second
        outcome.comparison = found.comparison
        outcome.method = .probabilistic
        let best = Double(found.bestScore)
        let lead = Double(found.bestScore - found.second)
        if best >= thresholds.automatic(pattern: Self.pattern(record)) && lead >= thresholds.margin && found.comparison.surname != Comparison.Name.regional {
            outcome.decision = .automatic
        } else if best >= thresholds.review {
            outcome.decision = .review
        } else {
            outcome.person = -1
            outcome.decision = .noMatch
        }
        return outcome
    }
}
