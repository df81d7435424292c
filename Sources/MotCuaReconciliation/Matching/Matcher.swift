/// Links source records to register people: IDs first, then blocking and Fellegi–Sunter scores.
struct Matcher: Sendable {
    let people: [RegisterPerson]
    let frequencies: TermFrequencies
    let idIndex: IDIndex
    let legacyIndex: IDIndex
    let blocking: BlockingIndex
    let model: MatchModel
    var thresholds: MatchThresholds

    /// Per-worker scratch: a stamp per person to skip candidates already scored for this record.
    struct Scratch {
        var stamps: [UInt32]
        var stamp: UInt32 = 0

        init(people: Int) { stamps = [UInt32](repeating: 0, count: people) }
    }

    /// The result of a blocked search.
    struct Search {
        var best: Int32 = -1
        var bestScore: Float = -.infinity
        var second: Float = -.infinity
        var comparison = Comparison.none
        var candidates: Int32 = 0
    }

    /// Scores every person sharing a blocking key with `record`, except `excluded`.
    func search(_ record: SourceRecord, excluding excluded: Int32, scratch: inout Scratch) -> Search {
        var result = Search()
        guard !record.name.isEmpty else { return result }
        scratch.stamp &+= 1
        if scratch.stamp == 0 {
            for index in scratch.stamps.indices { scratch.stamps[index] = 0 }
            scratch.stamp = 1
        }
        let stamp = scratch.stamp
        let day = PackedDate.day(record.dateOfBirth)
        let month = PackedDate.month(record.dateOfBirth)
        // A day/month swap is a common entry error: probe the date-keyed blocks with the swap too.
        let swapped = day >= 1 && day <= 12 && day != month
            ? PackedDate.make(Int(PackedDate.year(record.dateOfBirth)), Int(day), Int(month)) : 0
        for kind in 0..<BlockingIndex.keyCount {
            let variants = (kind == 1 || kind == 2) && swapped != 0 ? 2 : 1
            for variant in 0..<variants {
                let date = variant == 0 ? record.dateOfBirth : swapped
                guard let key = BlockingIndex.key(kind, record.name, date, record.commune) else { continue }
                blocking.forEach(kind: kind, key: key) { index in
                    guard index != excluded, scratch.stamps[Int(index)] != stamp else { return }
                    scratch.stamps[Int(index)] = stamp
                    let comparison = Comparison(record, people[Int(index)])
                    let score = model.score(comparison, frequencies.entries[Int(index)])
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
        }
        return result
    }

    /// Decides one record.
    func match(_ record: SourceRecord, scratch: inout Scratch) -> MatchOutcome {
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
        let found = search(record, excluding: excluded, scratch: &scratch)
        outcome.candidates = found.candidates
        guard found.best >= 0 else { return outcome }
        outcome.person = found.best
        outcome.score = found.bestScore
        outcome.secondScore = found.second
        outcome.comparison = found.comparison
        outcome.method = .probabilistic
        let best = Double(found.bestScore)
        let lead = Double(found.bestScore - found.second)
        if best >= thresholds.automatic && lead >= thresholds.margin && found.comparison.surname != Comparison.Name.regional {
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
