import Foundation

/// Re-estimates, from the records that have no usable ID, what the ID-linked pairs can only suggest:
/// how often such a record's date, sex and place agree with its own person (m per field-presence
/// pattern), and the share of such records whose person is not in the register at all.
///
/// Fellegi–Sunter expectation maximisation on the candidate pairs of a sample of those records, with
/// two constraints that keep namesakes from inflating m:
/// - a record is one person or nobody: the E-step shares one unit of "match" mass between the record's
///   candidates and the absent hypothesis (the posterior of ``Matcher``), instead of giving every pair
///   its own match probability. Two namesakes agreeing on the name split the mass by their other
///   fields; the name agreement of the one that loses is never counted as a match.
/// - the name fields, on which the candidates are blocked (they agree on the name by construction),
///   keep their ID-linked m and term-frequency u; only date of birth, sex and commune are re-estimated,
///   u stays the random-pair u of the record's pattern (as Splink's EM fixes u from random sampling).
///
/// The absent share is the mean posterior of the absent hypothesis (EM for a mixing proportion),
/// bounded to ``absentShareBounds``. A pattern whose expected match mass is below ``minimumMatchMass``
/// keeps its ID-linked m (the seed).
enum ModelEstimation {
    /// Records sampled (evenly over the file) for the estimation.
    static let sampleSize = 20_000
    /// Expected matches (Σ posterior) a pattern needs before its EM m replaces the seed.
    static let minimumMatchMass = 200.0
    /// Records without a usable ID needed before the absent share is estimated rather than assumed.
    static let minimumRecords = 200
    static let absentShareBounds = 0.005...0.5
    /// The share assumed when the data cannot tell (too few records to estimate it).
    static let defaultAbsentShare = 0.1
    static let iterations = 20
    /// Fields re-estimated: date of birth, sex, commune.
    static let fields = [3, 4, 5]

    /// One sampled record's search: its pattern, its distinct candidates and the expected weight of the
    /// people in blocks skipped for their size.
    struct Sample: Sendable {
        var pattern: Int
        var candidates: [(comparison: Comparison, frequency: TermFrequencies.Entry)]
        var unseen: Double
    }

    /// The estimate: the model with the re-estimated m and the absent share.
    struct Estimate: Sendable {
        var model: MatchModel
        var absentShare: Double
        /// Per pattern: records sampled, expected matches among them, and whether EM's m is used.
        var patterns: [(records: Int, matchMass: Double, estimated: Bool)]
    }

    /// Whether a record reaches the probabilistic search (no ID, an unusable one, or one not in the register).
    static func needsSearch(_ record: SourceRecord, ids: IDIndex, legacy: IDIndex) -> Bool {
        switch record.idKind {
        case .citizen: ids.find(record.citizenID) == nil
        case .legacy: legacy.find(record.legacyID) == nil
        case .none, .invalid, .unreadable: true
        }
    }

    /// Searches a sample of `records` (the indices of records without a usable ID) and runs EM on their candidates.
    /// `absentShare` fixes the share instead of estimating it.
    static func estimate(
        matcher: Matcher, records: [SourceRecord], searched: [Int], absentShare: Double?, parallelism: Int
    ) async -> Estimate {
        let step = max(1, searched.count / sampleSize)
        let chosen = stride(from: 0, to: searched.count, by: step).map { searched[$0] }
        let samples = await Reconciler.parallelMap(count: chosen.count, parallelism: parallelism) { range -> [Sample] in
            range.map { index in
                let record = records[chosen[index]]
                var collected: [Matcher.Candidate]? = []
                let found = matcher.search(record, excluding: -1, collecting: &collected)
                return Sample(
                    pattern: Matcher.pattern(record),
                    candidates: (collected ?? []).map { ($0.comparison, matcher.frequencies.entries[Int($0.person)]) }, unseen: found.unseen)
            }
        }.flatMap { $0 }
        return run(samples, model: matcher.model, registerSize: matcher.people.count, absentShare: absentShare)
    }

    /// EM on sampled searches, seeded with `model` (the ID-linked m and random-pair u per pattern).
    static func run(_ samples: [Sample], model seed: MatchModel, registerSize: Int, absentShare fixed: Double?) -> Estimate {
        var model = seed
        var share = fixed ?? defaultAbsentShare
        let estimatesShare = fixed == nil && samples.count >= minimumRecords
        var patterns = [(records: Int, matchMass: Double, estimated: Bool)](repeating: (0, 0, false), count: MatchModel.patternCount)
        for sample in samples { patterns[sample.pattern].records += 1 }
        guard !samples.isEmpty else { return Estimate(model: model, absentShare: share, patterns: patterns) }
        for _ in 0..<iterations {
            let absentWeight = Matcher.absentWeight(absentShare: share, count: registerSize)
            // Expected counts of each level among matches, per pattern and field (the M-step's numerators).
            var counts = (0..<MatchModel.patternCount).map { _ in Comparison.levelCounts.map { [Double](repeating: 0, count: $0) } }
            var mass = [Double](repeating: 0, count: MatchModel.patternCount)
            var absentTotal = 0.0
            var weights: [Double] = []
            for sample in samples {
                weights.removeAll(keepingCapacity: true)
                var total = sample.unseen + absentWeight
                for candidate in sample.candidates {
                    let weight = Double(exp2(model.score(candidate.comparison, candidate.frequency, pattern: sample.pattern)))
                    weights.append(weight)
                    total += weight
                }
                guard total > 0 else { continue }
                absentTotal += absentWeight / total
                for (candidate, weight) in zip(sample.candidates, weights) where weight > 0 {
                    let posterior = weight / total
                    mass[sample.pattern] += posterior
                    for field in fields { counts[sample.pattern][field][Int(candidate.comparison[field])] += posterior }
                }
            }
            var patternM = model.patternM
            for pattern in 0..<MatchModel.patternCount {
                patterns[pattern].matchMass = mass[pattern]
                patterns[pattern].estimated = mass[pattern] >= minimumMatchMass
                guard patterns[pattern].estimated else {
                    patternM[pattern] = seed.patternM[pattern]
                    continue
                }
                for field in fields {
                    // Smoothed towards the seed (the ID-linked m) with the priors' weight, so that a level
                    // EM never sees (a date swap among a few hundred records) keeps a sensible m.
                    let prior = seed.patternM[pattern][field]
                    let row = zip(counts[pattern][field], prior).map { $0 + $1 * MatchModel.priorStrength }
                    let total = row.reduce(0, +)
                    patternM[pattern][field] = row.map { $0 / total }
                }
            }
            model = model.replacing(m: patternM)
            if estimatesShare {
                share = min(max(absentTotal / Double(samples.count), absentShareBounds.lowerBound), absentShareBounds.upperBound)
            }
        }
        return Estimate(model: model, absentShare: share, patterns: patterns)
    }
}
