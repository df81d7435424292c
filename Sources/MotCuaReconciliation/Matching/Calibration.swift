import Foundation

/// Chooses thresholds from the data, using ID-linked records as a labelled validation set.
///
/// The automatic threshold also depends on which fields a record has (see ``MatchThresholds/patternNames``):
/// the trials are repeated with the sample reduced to each pattern, and the error budget is shared
/// between patterns where it buys the most links (``allocate(_:weights:targetPrecision:)``).
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
        /// log2 posterior odds of the best candidate (see ``Matcher``).
        var odds: Float = -.infinity
    }

    /// What a threshold applies to: the best score (fixed per pattern) or the record's posterior odds.
    enum Statistic {
        case score, posteriorOdds

        func value(_ trial: Trial) -> Float {
            switch self {
            case .score: trial.best
            case .posteriorOdds: trial.odds
            }
        }

        /// Thresholds scanned, in quarter bits: scores from 10 to 60 bits, posterior odds from −10 to 40
        /// bits (p from 0.001 to 1 − 10⁻¹²); the last step links nothing.
        func threshold(step: Int) -> Float { (self == .score ? 10 : -10) + Float(step) / 4 }
    }

    /// Records masked to one pattern that its calibration uses at most, and needs at least.
    static let patternSampleSize = 5_000
    static let minimumPatternSample = 300
    /// Source records of a pattern below which it keeps the overall threshold.
    static let minimumPatternRecords = 30

    static func thresholds(
        matcher: Matcher, records: [SourceRecord], linked: [(Int32, Int32, Comparison)], parallelism: Int, targetPrecision: Double,
        absentShare: Double
    ) async -> MatchThresholds {
        let plausible = linked.filter { MatchModel.isPlausibleIDPair($0.2) }
        guard plausible.count >= minimumPatternSample else {
            // Too few records with an ID to validate on (a legacy book, a source that never recorded IDs): each record
            // is decided by its own posterior under the model learnt from the data itself (EM), at the odds of the
            // target precision, 0.999 → 9.97 bits. A fixed score threshold would send most of such a source to review.
            return MatchThresholds(
                automatic: 30, review: 15, margin: Double(margin), conflict: Double(conflict),
                posteriorOdds: log2(targetPrecision / max(1 - targetPrecision, 1e-12)))
        }
        let step = max(1, plausible.count / sampleSize)
        let sample = stride(from: 0, to: plausible.count, by: step).map { (records[Int(plausible[$0].0)], plausible[$0].1) }
        let overall = await trials(matcher: matcher, sample: sample, parallelism: parallelism)
        let automatic = automaticThreshold(overall, targetPrecision: targetPrecision, absentShare: absentShare)
        let overallOdds = automaticThreshold(overall, targetPrecision: targetPrecision, absentShare: absentShare, statistic: .posteriorOdds)
        let decoys = overall.map { $0.1.best.isFinite ? $0.1.best : 0 }.sorted()
        let review = min(max(decoys[min(decoys.count - 1, Int(0.95 * Double(decoys.count - 1)))], 0), automatic - 1)

        // Per field-presence pattern: the same trials on ID-linked records reduced to that pattern (a
        // full date cut to its year, a place dropped), so that a record with fewer fields is held to
        // what those fields can tell apart in this data, not to what a complete record can.
        var idLinked = [Bool](repeating: false, count: records.count)
        for pair in linked { idLinked[Int(pair.0)] = true }
        var counts = [Int](repeating: 0, count: MatchThresholds.patternNames.count)
        for (index, record) in records.enumerated() where !idLinked[index] { counts[Matcher.pattern(record)] += 1 }
        var curves: [Curve?] = []
        var oddsCurves: [Curve?] = []
        for pattern in counts.indices {
            guard counts[pattern] >= minimumPatternRecords else {
                curves.append(nil)
                oddsCurves.append(nil)
                continue
            }
            var masked: [(SourceRecord, Int32)] = []
            let patternStep = max(1, plausible.count / patternSampleSize)
            for index in stride(from: 0, to: plausible.count, by: patternStep) {
                if let record = Matcher.masked(records[Int(plausible[index].0)], to: pattern) { masked.append((record, plausible[index].1)) }
            }
            guard masked.count >= minimumPatternSample else {
                curves.append(nil)
                oddsCurves.append(nil)
                continue
            }
            let patternTrials = await trials(matcher: matcher, sample: masked, parallelism: parallelism)
            curves.append(Curve(patternTrials, absentShare: absentShare))
            oddsCurves.append(Curve(patternTrials, absentShare: absentShare, statistic: .posteriorOdds))
        }
        let weights = counts.map(Double.init)
        let byPattern = allocate(curves, weights: weights, targetPrecision: targetPrecision).map { step in step.map { Double(threshold(step: $0)) } }
        let oddsByPattern = allocate(oddsCurves, weights: weights, targetPrecision: targetPrecision).map { step in
            step.map { Double(Statistic.posteriorOdds.threshold(step: $0)) }
        }
        return MatchThresholds(
            automatic: Double(automatic), review: Double(review), margin: Double(margin), conflict: Double(conflict), automaticByPattern: byPattern,
            posteriorOdds: Double(overallOdds), posteriorOddsByPattern: oddsByPattern)
    }

    /// Thresholds scanned: 10 to 60 bits in quarter bits; the last step links nothing.
    static let stepCount = 201
    static func threshold(step: Int) -> Float { Statistic.score.threshold(step: step) }

    /// For one pattern's trials, the estimated share of records linked automatically and of records
    /// linked wrongly at each threshold step (mixing present and absent trials as ``automaticThreshold``).
    struct Curve {
        var linked: [Double]
        var wrong: [Double]

        init(_ trials: [(Trial, Trial)], absentShare: Double, statistic: Statistic = .score) {
            let count = Double(max(trials.count, 1))
            linked = [Double](repeating: 0, count: stepCount)
            wrong = [Double](repeating: 0, count: stepCount)
            for step in 0..<(stepCount - 1) {
                let threshold = statistic.threshold(step: step)
                var presentAuto = 0.0
                var presentWrong = 0.0
                var absentAuto = 0.0
                for (present, absent) in trials {
                    if statistic.value(present) >= threshold && present.lead >= margin && !present.regional {
                        presentAuto += 1
                        if !present.right { presentWrong += 1 }
                    }
                    if statistic.value(absent) >= threshold && absent.lead >= margin && !absent.regional { absentAuto += 1 }
                }
                wrong[step] = (absentShare * absentAuto + (1 - absentShare) * presentWrong) / count
                linked[step] = (absentShare * absentAuto + (1 - absentShare) * presentAuto) / count
            }
        }
    }

    /// Chooses one threshold step per pattern so that the estimated precision of all probabilistic links
    /// together reaches the target with as many links as possible: each pattern takes the step that
    /// maximises links − λ·wrong links (weighted by how many records have that pattern), with the
    /// smallest λ that meets the target. Patterns whose next links are cleaner get lower thresholds, so a
    /// pattern with little evidence (a birth year only) spends the error budget only where it buys links.
    /// Patterns without a curve get nil.
    static func allocate(_ curves: [Curve?], weights: [Double], targetPrecision: Double) -> [Int?] {
        func choose(_ lambda: Double) -> [Int?] {
            curves.map { curve in
                guard let curve else { return nil }
                var best = stepCount - 1
                var bestValue = 0.0
                for step in stride(from: stepCount - 2, through: 0, by: -1) {
                    let value = curve.linked[step] - lambda * curve.wrong[step]
                    if value > bestValue {
                        best = step
                        bestValue = value
                    }
                }
                return best
            }
        }
        func precision(_ steps: [Int?]) -> Double {
            var linked = 0.0
            var wrong = 0.0
            for (pattern, step) in steps.enumerated() {
                guard let step, let curve = curves[pattern] else { continue }
                linked += weights[pattern] * curve.linked[step]
                wrong += weights[pattern] * curve.wrong[step]
            }
            return linked == 0 ? 1 : 1 - wrong / linked
        }
        var low = 0.0
        var high = 1e7
        guard precision(choose(high)) >= targetPrecision else { return choose(high) }
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if precision(choose(middle)) >= targetPrecision { high = middle } else { low = middle }
        }
        return choose(high)
    }

    /// Searches each sampled record again as if it had no ID, with and without its true person.
    static func trials(matcher: Matcher, sample: [(SourceRecord, Int32)], parallelism: Int) async -> [(Trial, Trial)] {
        await Reconciler.parallelMap(count: sample.count, parallelism: parallelism) { range -> [(Trial, Trial)] in
            range.map { index in
                var record = sample[index].0
                record.idKind = .none
                let truth = sample[index].1
                let present = matcher.search(record, excluding: -1)
                let absent = matcher.search(record, excluding: truth)
                return (
                    Trial(best: present.bestScore, lead: present.bestScore - present.second, right: present.best == truth,
                        regional: present.comparison.surname == Comparison.Name.regional, odds: present.posteriorOdds(absentWeight: matcher.absentWeight)),
                    Trial(best: absent.bestScore, lead: absent.bestScore - absent.second, right: false,
                        regional: absent.comparison.surname == Comparison.Name.regional, odds: absent.posteriorOdds(absentWeight: matcher.absentWeight)))
            }
        }.flatMap { $0 }
    }

    /// The lowest threshold whose estimated precision reaches the target.
    static func automaticThreshold(_ trials: [(Trial, Trial)], targetPrecision: Double, absentShare: Double, statistic: Statistic = .score) -> Float {
        let curve = Curve(trials, absentShare: absentShare, statistic: statistic)
        // Scan upwards and take the first threshold that reaches the target. Precision rises with the
        // threshold on the whole, but not monotonically: near the top, one identical namesake (same
        // name, date, sex and commune) among a handful of links makes the estimate dip, and a
        // downward scan would stop there.
        for step in 0..<(stepCount - 1) where curve.linked[step] == 0 || 1 - curve.wrong[step] / curve.linked[step] >= targetPrecision {
            return statistic.threshold(step: step)
        }
        return statistic.threshold(step: stepCount - 1)
    }
}
