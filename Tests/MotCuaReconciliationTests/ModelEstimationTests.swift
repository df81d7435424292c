import Foundation
import Testing

@testable import MotCuaReconciliation

/// m per field-presence pattern and the share of records absent from the register, estimated from the
/// candidates of records without an ID.
@Suite struct ModelEstimationTests {
    /// What a synthetic record's own person looks like (m of date, sex, commune) and what a namesake looks like (u).
    static let trueM: [[Double]] = [[0.75, 0, 0.02, 0.08, 0.05, 0.10, 0], [0.97, 0.03, 0], [0.6, 0.4, 0]]
    static let trueU: [[Double]] = [[0.00003, 0.0001, 0.00001, 0.00006, 0.012, 0.98780, 0], [0.5, 0.5, 0], [0.02, 0.98, 0]]
    static let registerSize = 50_000
    /// Names agree for every candidate (they are blocked on the name); how common the name is sets how
    /// many namesakes a register of ``registerSize`` holds: 50,000 × 0.05 × 0.01 × 0.1 = 2.5 on average.
    static let frequency = TermFrequencies.Entry(surname: log2(0.05), given: log2(0.01), middle: log2(0.1))

    static func draw(_ row: [Double], _ random: inout SplitMix64) -> UInt8 {
        var roll = random.unit()
        for (level, probability) in row.enumerated() {
            roll -= probability
            if roll < 0 { return UInt8(level) }
        }
        return UInt8(row.lastIndex { $0 > 0 } ?? 0)
    }

    static func pair(_ rows: [[Double]], _ random: inout SplitMix64) -> Comparison {
        Comparison(
            surname: Comparison.Name.identical, given: Comparison.Name.identical, middle: Comparison.Middle.identical,
            dateOfBirth: draw(rows[0], &random), sex: draw(rows[1], &random), commune: draw(rows[2], &random))
    }

    /// `count` records of `pattern`, a share `absent` of them without their person among the candidates;
    /// every record has 0–5 namesakes.
    static func samples(count: Int, absent: Double, pattern: Int = 0, seed: UInt64 = 12) -> [ModelEstimation.Sample] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            var candidates: [(comparison: Comparison, frequency: TermFrequencies.Entry)] = []
            if Double(index) >= absent * Double(count) { candidates.append((pair(trueM, &random), frequency)) }
            for _ in 0..<Int(random.next() % 6) { candidates.append((pair(trueU, &random), frequency)) }
            return ModelEstimation.Sample(pattern: pattern, candidates: candidates, unseen: 0)
        }
    }

    /// The seed: names that agree for the same person, the priors' m elsewhere (date exact 0.93, commune 0.95), the true u.
    static var seed: MatchModel {
        var m = MatchModel.priorM
        var u = MatchModel.priorU
        for field in 0..<3 {
            m[field] = m[field].indices.map { $0 == 0 ? 0.999 : 0.001 / Double(m[field].count - 1) }
        }
        for field in 3..<6 { u[field] = trueU[field - 3].map { max($0, 1e-7) } }
        return MatchModel(m: m, u: u)
    }

    @Test("EM recovers the m of date, sex and commune from candidates mixed with namesakes")
    func recoversM() {
        let estimate = ModelEstimation.run(Self.samples(count: 6_000, absent: 0.2), model: Self.seed, registerSize: Self.registerSize, absentShare: nil)
        let m = estimate.model.patternM[0]
        #expect(estimate.patterns[0].estimated)
        #expect(abs(m[3][0] - 0.75) < 0.03, "date exact: \(m[3][0])")
        #expect(abs(m[3][3] - 0.08) < 0.03, "date one day apart: \(m[3][3])")
        #expect(abs(m[5][0] - 0.6) < 0.04, "commune agrees: \(m[5][0])")
        #expect(abs(m[4][0] - 0.97) < 0.03, "sex agrees: \(m[4][0])")
        // Names are not re-estimated: blocking makes every candidate agree on them.
        #expect(m[1] == Self.seed.patternM[0][1])
        // About one record in four has a namesake agreeing on the commune; counted as matches they would
        // pull m towards the namesakes' u, and the expected matches above the records that have one.
        #expect(estimate.patterns[0].matchMass < 6_000 * 0.8 * 1.05)
    }

    @Test("the absent share follows the share of records whose person is not among the candidates", arguments: [0.03, 0.2, 0.4])
    func absentShare(share: Double) {
        let estimate = ModelEstimation.run(
            Self.samples(count: 6_000, absent: share, seed: 31), model: Self.seed, registerSize: Self.registerSize, absentShare: nil)
        #expect(abs(estimate.absentShare - share) < 0.03, "estimated \(estimate.absentShare) for \(share)")
    }

    @Test("the absent share stays within its bounds, is assumed when too few records tell it, and a given share is kept")
    func absentShareBounds() {
        let everyoneAbsent = ModelEstimation.run(
            Self.samples(count: 1_000, absent: 1), model: Self.seed, registerSize: Self.registerSize, absentShare: nil)
        #expect(everyoneAbsent.absentShare == ModelEstimation.absentShareBounds.upperBound)
        let few = ModelEstimation.run(Self.samples(count: 50, absent: 0.4), model: Self.seed, registerSize: Self.registerSize, absentShare: nil)
        #expect(few.absentShare == ModelEstimation.defaultAbsentShare)
        let given = ModelEstimation.run(Self.samples(count: 2_000, absent: 0.4), model: Self.seed, registerSize: Self.registerSize, absentShare: 0.25)
        #expect(given.absentShare == 0.25)
    }

    @Test("a pattern with too few expected matches keeps its ID-linked m")
    func fallback() {
        let samples = Self.samples(count: 4_000, absent: 0.1) + Self.samples(count: 100, absent: 0.1, pattern: 2, seed: 5)
        let estimate = ModelEstimation.run(samples, model: Self.seed, registerSize: Self.registerSize, absentShare: nil)
        #expect(estimate.patterns[0].estimated)
        #expect(!estimate.patterns[2].estimated)
        #expect(estimate.patterns[2].records == 100)
        #expect(estimate.model.patternM[2] == Self.seed.patternM[2])
        #expect(!estimate.patterns[4].estimated && estimate.patterns[4].records == 0)
    }

    @Test("m and u are conditional on the record's pattern: a year-only record is weighed by year-only records")
    func perPatternSeed() {
        // ID-linked pairs: 900 full-date records agreeing exactly, 100 year-only records agreeing on the year.
        let exact = Comparison(surname: 0, given: 0, middle: 0, dateOfBirth: Comparison.Date.exact, sex: 0, commune: 0)
        let year = Comparison(surname: 0, given: 0, middle: 0, dateOfBirth: Comparison.Date.yearOnly, sex: 0, commune: 0)
        let linked = Array(repeating: (pattern: 0, comparison: exact), count: 900) + Array(repeating: (pattern: 2, comparison: year), count: 100)
        var random = SplitMix64(seed: 3)
        let randomPairs = (0..<20_000).map { index -> (pattern: Int, comparison: Comparison) in
            let pattern = index % 10 == 0 ? 2 : 0
            // Different people share the birth year one time in 60.
            let sameYear = random.next() % 60 == 0
            let level = pattern == 2 ? (sameYear ? Comparison.Date.yearOnly : Comparison.Date.different) : (sameYear ? Comparison.Date.sameYear : Comparison.Date.different)
            return (pattern, Comparison(surname: 4, given: 4, middle: Comparison.Middle.different, dateOfBirth: level, sex: 1, commune: 1))
        }
        let model = MatchModel.estimate(linked: linked, random: randomPairs)
        let frequency = TermFrequencies.Entry(surname: 0, given: 0, middle: 0)
        let bare = Comparison(surname: 5, given: 5, middle: Comparison.Middle.missing, dateOfBirth: Comparison.Date.yearOnly, sex: 2, commune: 2)
        // Within year-only records, agreeing on the year is m ≈ 0.6 (smoothed) against u ≈ 1/60: about 5 bits.
        let yearWeight = model.score(bare, frequency, pattern: 2)
        #expect(yearWeight > 4.5 && yearWeight < 6.5, "\(yearWeight)")
        #expect(model.patternM[0][3][0] > model.m[3][0])
    }
}
