/// Chooses thresholds from the data, using ID-linked records as a labelled validation set.
///
/// A sample of records whose own ID links them to a known person is searched again as if it had no
/// ID, twice:
/// - *present*: the true person is in the register; an automatic link is right only if the best
///   candidate is that person;
/// - *absent*: the true person is left out; any automatic link is wrong (the best remaining candidate
///   is a decoy, like the namesake found for someone who is not in the register).
///
/// Mixing the two with an assumed share of records without a counterpart (by default 10%) estimates
/// the precision of probabilistic links at every threshold; the automatic threshold is the lowest one
/// whose estimated precision reaches the target (by default 0.999, the precision target). Automatic links also need a lead of
/// ``margin`` bits over the runner-up (the best is at least 32 times likelier), and never rest on a
/// regional surname pair. The review threshold is the 95th percentile of decoy scores: 95% of records
/// without a counterpart come out as "no match" rather than as work for a steward.
enum Calibration {
    static let sampleSize = 20_000
    static let margin: Float = 5
    /// Scores of an ID-linked pair below this mean the ID points at someone else: the fields are more
    /// likely under "different people" than under "same person".
    static let conflict: Float = 0

    struct Trial: Sendable {
        var best: Float
        var lead: Float
        var right: Bool
        var regional: Bool
    }

    static func thresholds(
        matcher: Matcher, records: [SourceRecord], linked: [(Int32, Int32, Comparison)], parallelism: Int, targetPrecision: Double,
        absentShare: Double
    ) async -> MatchThresholds {
        let plausible = linked.filter { MatchModel.isPlausibleIDPair($0.2) }
        guard !plausible.isEmpty else { return MatchThresholds(automatic: 30, review: 15, margin: Double(margin), conflict: Double(conflict)) }
        let step = max(1, plausible.count / sampleSize)
        let sample = stride(from: 0, to: plausible.count, by: step).map { plausible[$0] }
        let trials = await Reconciler.parallelMap(count: sample.count, parallelism: parallelism) { range -> [(Trial, Trial)] in
            return range.map { index in
                var record = records[Int(sample[index].0)]
                record.idKind = .none
                let truth = sample[index].1
                let present = matcher.search(record, excluding: -1)
                let absent = matcher.search(record, excluding: truth)
                return (
                    Trial(best: present.bestScore, lead: present.bestScore - present.second, right: present.best == truth,
                        regional: present.comparison.surname == Comparison.Name.regional),
                    Trial(best: absent.bestScore, lead: absent.bestScore - absent.second, right: false,
                        regional: absent.comparison.surname == Comparison.Name.regional))
            }
        }.flatMap { $0 }
        let count = Double(trials.count)
        // Scan upwards and take the first threshold that reaches the target. Precision rises with the
        // threshold on the whole, but not monotonically: near the top, one identical namesake (same
        // name, date, sex and commune) among a handful of links makes the estimate dip, and a
        // downward scan would stop there.
        var automatic: Float = 60
        var threshold: Float = 10
        while threshold < 60 {
            var presentAuto = 0.0
            var presentWrong = 0.0
            var absentAuto = 0.0
            for (present, absent) in trials {
                if present.best >= threshold && present.lead >= margin && !present.regional {
                    presentAuto += 1
                    if !present.right { presentWrong += 1 }
                }
                if absent.best >= threshold && absent.lead >= margin && !absent.regional { absentAuto += 1 }
            }
            let wrong = absentShare * absentAuto / count + (1 - absentShare) * presentWrong / count
            let linked = absentShare * absentAuto / count + (1 - absentShare) * presentAuto / count
            if linked == 0 || 1 - wrong / linked >= targetPrecision {
                automatic = threshold
                break
            }
            threshold += 0.25
        }
        let decoys = trials.map { $0.1.best.isFinite ? $0.1.best : 0 }.sorted()
        let review = min(max(decoys[min(decoys.count - 1, Int(0.95 * Double(decoys.count - 1)))], 0), automatic - 1)
        return MatchThresholds(automatic: Double(automatic), review: Double(review), margin: Double(margin), conflict: Double(conflict))
    }
}
