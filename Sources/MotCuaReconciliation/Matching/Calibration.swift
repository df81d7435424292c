/// Chooses thresholds from the data, using ID-linked records as a labelled validation set.
///
/// For a sample of records whose own ID links them to a person, the record is searched again as if it
/// had no ID, *excluding* the true person. The best remaining candidate is a decoy: the score a wrong
/// person reaches for a record whose person is absent from the register. The automatic threshold is
/// set above the 99.9th percentile of decoy scores (plus one bit), so fewer than 1 in 1,000 such
/// records would be linked to anybody; the review threshold is the 95th percentile. The margin over
/// the runner-up (5 bits: the best candidate is at least 32 times likelier) guards the case where the
/// true person is present but a namesake scores nearly as well.
enum Calibration {
    static let sampleSize = 20_000
    static let margin: Float = 5
    /// Scores of an ID-linked pair below this mean the ID points at someone else: the fields are more
    /// likely under "different people" than under "same person".
    static let conflict: Float = 0

    static func thresholds(matcher: Matcher, records: [SourceRecord], linked: [(Int32, Int32, Comparison)], parallelism: Int) async -> MatchThresholds {
        let plausible = linked.filter { MatchModel.isPlausibleIDPair($0.2) }
        guard !plausible.isEmpty else { return MatchThresholds(automatic: 30, review: 15, margin: Double(margin), conflict: Double(conflict)) }
        let step = max(1, plausible.count / sampleSize)
        let sample = stride(from: 0, to: plausible.count, by: step).map { plausible[$0] }
        let decoys = await Reconciler.parallelMap(count: sample.count, parallelism: parallelism) { range -> [Float] in
            var scratch = Matcher.Scratch(people: matcher.people.count)
            return range.map { index in
                var record = records[Int(sample[index].0)]
                record.idKind = .none
                return matcher.search(record, excluding: sample[index].1, scratch: &scratch).bestScore
            }
        }.flatMap { $0 }.sorted()
        func quantile(_ p: Double) -> Float {
            let value = decoys[min(decoys.count - 1, Int(p * Double(decoys.count - 1)))]
            return value.isFinite ? value : 0
        }
        let automatic = max(quantile(0.999) + 1, 10)
        let review = min(max(quantile(0.95), 0), automatic - 1)
        return MatchThresholds(automatic: Double(automatic), review: Double(review), margin: Double(margin), conflict: Double(conflict))
    }
}
