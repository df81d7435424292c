import Foundation

/// Links source records to register people: IDs first, then blocking and Fellegi–Sunter scores.
///
/// A probabilistic link is decided per record (when calibrated thresholds carry a posterior-odds
/// threshold): with every register person equally likely a priori and a share `a` of records having no
/// counterpart, the posterior that the best candidate is the person is
/// p = w₁ / (Σᵢ wᵢ + w_absent), wᵢ = 2^scoreᵢ over the distinct candidates found, w_absent = a/(1−a)·N.
/// A common name with no namesake among the candidates can link; the same name with a namesake cannot.
/// That is only sound when the search saw every alternative that could compete: a block skipped for
/// its size stands for alternatives not scored, whose expected total weight is added instead (see
/// ``unseenWeight(kind:narrowVisited:)``).
struct Matcher: Sendable {
    let people: [RegisterPerson]
    let frequencies: TermFrequencies
    let candidates: CandidateTable
    let idIndex: IDIndex
    let legacyIndex: IDIndex
    let blocking: BlockingIndex
    var model: MatchModel
    var thresholds: MatchThresholds
    /// w_absent: the weight of "this record's person is not in the register", a/(1−a)·N.
    var absentWeight: Double = 0
    /// Weights of a recorded ID one slip from a candidate's, per kind of slip, for records whose ID names nobody (or
    /// someone whose fields disagree, or is no ID); an empty table or a nil entry leaves such IDs out of the search.
    var nearID: NearIDEvidence.Table = []
    /// Whether a record's own sex narrows the blocking keys that hold the sex. Off when the ID-linked pairs show the
    /// source's sex coded otherwise than the register's (``Matcher/trustsSex(linked:)``): then every record is looked
    /// for under both sexes, and the sex is left to the weights, which are learnt from the data.
    var usesRecordSex = true

    /// Share of ID-linked pairs with a sex on both sides that disagree beyond which the source's sex is not used to
    /// block: a true pair disagrees on sex in well under 1 % of cases; a column with another coding, in about half.
    static let sexDisagreementLimit = 0.1

    /// The disagreement share among `linked` pairs with a sex on both sides, and whether the source's sex can narrow
    /// the blocking (nil share: fewer than 100 such pairs, too few to tell, and the sex is used).
    static func trustsSex(linked: [(Int32, Int32, Comparison)]) -> (share: Double?, trusted: Bool) {
        var known = 0
        var disagree = 0
        for pair in linked where pair.2.sex != Comparison.Simple.missing {
            known += 1
            if pair.2.sex == Comparison.Simple.disagree { disagree += 1 }
        }
        guard known >= 100 else { return (nil, true) }
        let share = Double(disagree) / Double(known)
        return (share, share <= sexDisagreementLimit)
    }

    /// The sex disagreement share of true pairs as EM learnt it, for a source with too few ID-linked pairs to count it
    /// on: the m of "disagree" against "agree" over the patterns EM estimated, weighted by their expected matches. A
    /// sex coded another way disagrees in true pairs about as often as it agrees.
    static func learntSexDisagreement(_ estimate: ModelEstimation.Estimate) -> Double {
        var agree = 0.0
        var disagree = 0.0
        for (pattern, entry) in estimate.patterns.enumerated() where entry.estimated {
            agree += entry.matchMass * estimate.model.patternM[pattern][4][Int(Comparison.Simple.agree)]
            disagree += entry.matchMass * estimate.model.patternM[pattern][4][Int(Comparison.Simple.disagree)]
        }
        return agree + disagree > 0 ? disagree / (agree + disagree) : 0
    }

    /// The weight of the absent hypothesis for a register of `count` people when a share `absentShare`
    /// of records have no counterpart.
    static func absentWeight(absentShare: Double, count: Int) -> Double {
        let share = min(max(absentShare, 1e-6), 1 - 1e-6)
        return share / (1 - share) * Double(max(count, 1))
    }

    /// The result of a blocked search.
    struct Search {
        var best: Int32 = -1
        var bestScore: Float = -.infinity
        var second: Float = -.infinity
        var comparison = Comparison.none
        var candidates: Int32 = 0
        /// Σ 2^score over the distinct candidates other than the best.
        var alternatives: Double = 0
        /// Expected Σ 2^score of the people in blocks skipped for their size and not seen under another key.
        var unseen: Double = 0
        /// Blocks skipped for their size.
        var skippedBlocks: Int32 = 0

        /// Takes a scored candidate into the best and the runner-up.
        @inline(__always)
        mutating func offer(_ index: Int32, _ score: Float, _ comparison: Comparison) {
            candidates += 1
            if score > bestScore {
                second = bestScore
                bestScore = score
                best = index
                self.comparison = comparison
            } else if score > second {
                second = score
            }
        }

        /// log2 of the posterior odds that the best candidate is the person, against the other candidates,
        /// the unseen ones and `absentWeight`; -infinity without a candidate.
        func posteriorOdds(absentWeight: Double) -> Float {
            guard best >= 0 else { return -.infinity }
            let rest = alternatives + unseen + absentWeight
            guard rest > 0 else { return .infinity }
            return bestScore - Float(log2(rest))
        }
    }

    /// Expected Σ 2^score over the members of a skipped block of key `kind` that no visited key saw.
    ///
    /// A block member agrees with the record on the key's fields; with u of that agreement the block's
    /// share of the register (size/N, the term-frequency view) and E_u[2^score of the other fields] = 1,
    /// the block's expected total is N·m_K, m_K = P(key agrees | same person): it does not depend on the
    /// block's size. Members that also share a narrower key that was searched were scored already, so
    /// only the part where the narrower key's extra fields disagree remains: N·m_K·(1 − m_narrow/m_K).
    /// `narrowVisited` has bit k set when key kind k was searched without being skipped.
    func unseenWeight(kind: Int, narrowVisited: UInt8) -> Double {
        let key = model.keyAgreement[kind]
        var covered = 0.0
        // Key 0 (name, year and month) and key 4 (name and year) are subsets of the wide keys 5 and 6.
        if kind >= BlockingIndex.firstWideKey {
            for narrow in [0, 4] where narrowVisited & (1 << narrow) != 0 {
                covered = max(covered, min(1, model.keyAgreement[narrow] / max(key, 1e-12)))
            }
        }
        return Double(people.count) * key * (1 - covered)
    }

    /// Scores every person sharing a blocking key with `record`, except `excluded`.
    ///
    /// A person found under several keys is not de-duplicated through a per-person table (a cache miss
    /// of its own at provincial scale); a repeat of the current best is skipped, and a repeat of anyone
    /// else can only set the runner-up to the same score again. The alternatives' total weight is
    /// de-duplicated at the end over the candidates that matter to it (within 30 bits of the best).
    func search(_ record: SourceRecord, excluding excluded: Int32, near: NearCandidates? = nil) -> Search {
        var none: [Candidate]?
        return search(record, excluding: excluded, near: near, collecting: &none)
    }

    /// The people whose ID is one keystroke from a record's, and the weights that ID adds to every candidate.
    struct NearCandidates {
        var people: [Int32]
        var evidence: NearIDEvidence

        @inline(__always)
        func weight(_ person: Int32) -> Float { people.contains(person) ? evidence.agreement : evidence.disagreement }
    }

    /// One scored candidate of a search, for ``ModelEstimation``.
    struct Candidate: Sendable {
        var person: Int32
        var comparison: Comparison
    }

    /// The same search; when `collected` is not nil, every distinct candidate is appended to it.
    func search(_ record: SourceRecord, excluding excluded: Int32, near: NearCandidates? = nil, collecting collected: inout [Candidate]?) -> Search {
        var result = Search()
        guard !record.name.isEmpty else { return result }
        let pattern = Self.pattern(record)
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
        var scored: [(index: Int32, score: Float)] = []
        scored.reserveCapacity(64)
        // Narrow keys are probed before the wide ones, so a skipped wide block knows which subsets were searched.
        var visited: UInt8 = 0
        // With a recorded ID in play, every candidate's score carries that ID's weight: the agreement weight for the
        // people one keystroke away, the (negative) disagreement weight for everyone else. Scores are kept shifted by
        // the disagreement weight until the end, so the blocked candidates, nearly all of them, need no look-up; the
        // people one keystroke away are scored first with the difference, and a later repeat of one of them (found
        // again under a blocking key, without it) is lower than its first score, so it can change nothing.
        if let near {
            let bonus = near.evidence.agreement - near.evidence.disagreement
            for index in near.people where index != excluded {
                // Compared through the register row, not the packed candidate entry: a second call site of the entry's
                // comparison made the compiler stop inlining it into the blocking loop, which cost 10 % of matching.
                let comparison = Comparison(record, people[Int(index)])
                let score = model.score(comparison, frequencies.entries[Int(index)], pattern: pattern) + bonus
                scored.append((index, score))
                result.offer(index, score, comparison)
            }
        }
        // The unseen members of a skipped block are not one keystroke away: those were all scored above.
        let unseenFactor = near.map { Double(exp2($0.evidence.disagreement)) } ?? 1
        // The keys that hold the sex are probed under the record's own, under both when it has none, and without
        // it when the register is not keyed by sex (see ``BlockingIndex/keyedBySex``).
        let sexProbe = blocking.sexes(usesRecordSex ? record.sex : 0)
        @inline(__always) func probe(_ kind: Int, _ name: NameKeys, _ date: Int32) {
            guard BlockingIndex.holdsSex(kind) else { return probeUnder(kind, name, date, sex: 0) }
            switch sexProbe {
            case .one(let sex): probeUnder(kind, name, date, sex: sex)
            case .both:
                probeUnder(kind, name, date, sex: Code.male)
                probeUnder(kind, name, date, sex: Code.female)
            }
        }
        @inline(__always) func probeUnder(_ kind: Int, _ name: NameKeys, _ date: Int32, sex: UInt8) {
            guard let key = BlockingIndex.key(kind, name, date, record.commune, sex) else { return }
            let skippedSize = blocking.forEach(kind: kind, key: key, candidates: candidates) { index, entry in
                guard index != excluded, index != result.best else { return }
                let comparison = Comparison(record, entry)
                let score = model.score(comparison, entry.frequency, pattern: pattern)
                if collected != nil && !scored.contains(where: { $0.index == index }) { collected!.append(Candidate(person: index, comparison: comparison)) }
                scored.append((index, score))
                result.offer(index, score, comparison)
            }
            if skippedSize > 0 {
                result.skippedBlocks += 1
                result.unseen += unseenWeight(kind: kind, narrowVisited: visited) * unseenFactor
            } else {
                visited |= 1 << kind
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
            // A mistyped digit in the year (1981 for 1991): key 1 under each year one digit away, tens and units (keys 0 and 3
            // already hold a day or month mistyped).
            if date != 0 && !yearOnly {
                let year = Int(PackedDate.year(date))
                for (place, digit) in [(1, year % 10), (10, year / 10 % 10)] {
                    for other in 0...9 where other != digit {
                        let slipped = year + (other - digit) * place
                        guard slipped >= 1900 && slipped <= FieldParsing.currentYear else { continue }
                        probe(1, record.name, PackedDate.make(slipped, Int(month), Int(day)))
                    }
                }
            }
            if record.dateOfBirth != 0 { probe(5, record.name, record.dateOfBirth) }
            probe(6, record.name, 0)
        }
        guard result.best >= 0 else { return result }
        // Σ 2^score over distinct candidates other than the best. Candidates more than 30 bits below the
        // best change the posterior by less than 2^-30 each and are left out; past 64 distinct ones the
        // rest are summed without the duplicate check, which can only over-count (the cautious side).
        let floor = result.bestScore - 30
        var counted: [Int32] = []
        for candidate in scored where candidate.index != result.best && candidate.score > floor {
            if counted.count < 64 {
                if counted.contains(candidate.index) { continue }
                counted.append(candidate.index)
            }
            result.alternatives += Double(exp2(candidate.score))
        }
        if let near {
            let shift = near.evidence.disagreement
            result.bestScore += shift
            result.second += shift
            result.alternatives *= Double(exp2(shift))
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
                let score = model.score(comparison, frequencies.entries[Int(index)], pattern: Self.pattern(record))
                if Double(score) >= thresholds.conflict {
                    outcome.person = index
                    outcome.score = score
                    outcome.comparison = comparison
                    outcome.method = isCitizen ? .citizenID : .legacyID
                    outcome.decision = .automatic
                    outcome.idStatus = .confirmed
                    outcome.bestCandidate = index
                    return outcome
                }
                outcome.idStatus = .conflicting
                outcome.idPerson = index
                excluded = index
            } else {
                outcome.idStatus = .unknown
            }
        case .invalid, .unreadable:
            outcome.idStatus = .invalid
        case .none:
            outcome.idStatus = .absent
        }
        var near: NearCandidates?
        if !nearID.isEmpty, let kind = NearIDEvidence.kind(record, status: outcome.idStatus), let evidence = nearID[kind.rawValue] {
            let index = kind.isLegacy ? legacyIndex : idIndex
            near = NearCandidates(people: NearIDEvidence.neighbours(of: record, kind: kind, in: index, excluding: excluded), evidence: evidence)
        }
        let found = search(record, excluding: excluded, near: near)
        outcome.candidates = found.candidates
        outcome.bestCandidate = found.best
        guard found.best >= 0 else { return outcome }
        outcome.person = found.best
        outcome.score = found.bestScore
        outcome.secondScore = found.second
        outcome.comparison = found.comparison
        outcome.idWeight = near?.weight(found.best) ?? 0
        outcome.method = .probabilistic
        let best = Double(found.bestScore)
        let lead = Double(found.bestScore - found.second)
        let odds = found.posteriorOdds(absentWeight: absentWeight)
        outcome.posteriorOdds = odds
        outcome.skippedBlocks = found.skippedBlocks
        let pattern = Self.pattern(record)
        // Per record when calibrated (the posterior against its alternatives), else the score threshold.
        let convincing =
            if let minimumOdds = thresholds.posteriorOdds(pattern: pattern) {
                Double(odds) >= minimumOdds && best >= thresholds.review
            } else {
                best >= thresholds.automatic(pattern: pattern)
            }
        if convincing && lead >= thresholds.margin && found.comparison.surname != Comparison.Name.regional {
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
