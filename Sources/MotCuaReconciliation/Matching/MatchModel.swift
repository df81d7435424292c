import Foundation

/// Fellegi–Sunter weights estimated from the data itself.
///
/// - **m** (P(level | same person)) is counted on pairs linked by the record's own 12-digit or old ID:
///   at provincial scale these are millions of labelled pairs for free. ID pairs whose fields conflict
///   (typos pointing at another person) are left out first.
/// - **u** (P(level | different people)) is counted on random pairs. For the identical level of
///   surname, middle and given name, u is instead the frequency of the register person's own value
///   (term-frequency adjustment): agreeing on "Nguyễn" says far less than agreeing on "Kiều". The
///   diacritic-variant level scales that frequency by the random-pair ratio u(variant)/u(identical):
///   two different people rarely share a name that is spelt differently, so a missing-diacritics
///   spelling is evidence *for* a match, not (as a plain frequency would make it) against.
///
/// The score of a pair is Σ log2(m/u) over the fields, in bits; "missing" levels weigh 0.
///
/// Weights are kept per field-presence pattern of the source record (``Matcher/pattern(_:)``): m and u
/// are conditional on which fields the record has, so that a birth-year-only record is weighed by how
/// often a year-only record agrees with its own person, not by a mixture dominated by full dates (see
/// ``ModelEstimation``). Without per-pattern estimates every pattern uses the overall m and u.
struct MatchModel: Sendable {
    /// m and u per field and level, overall (for the report and the blocking keys' agreement).
    let m: [[Double]]
    let u: [[Double]]
    /// m and u per pattern, field and level.
    let patternM: [[[Double]]]
    let patternU: [[[Double]]]
    /// log2 m, flattened as `pattern * 48 + field * 8 + level`.
    private let logM: [Float]
    /// log2(m/u), flattened the same way; 0 for missing levels.
    private let weight: [Float]

    /// Per blocking key kind (see ``BlockingIndex``): the probability that a person's own record agrees
    /// with them on the key's fields, P(key agrees | same person), from m.
    let keyAgreement: [Double]

    static let patternCount = 6

    init(m: [[Double]], u: [[Double]], patternM: [[[Double]]]? = nil, patternU: [[[Double]]]? = nil) {
        self.m = m
        self.u = u
        let patternM = patternM ?? Array(repeating: m, count: Self.patternCount)
        let patternU = patternU ?? Array(repeating: u, count: Self.patternCount)
        self.patternM = patternM
        self.patternU = patternU
        keyAgreement = Self.keyAgreement(m)
        var logM = [Float](repeating: 0, count: 48 * Self.patternCount)
        var weight = [Float](repeating: 0, count: 48 * Self.patternCount)
        for pattern in 0..<Self.patternCount {
            let m = patternM[pattern]
            let u = patternU[pattern]
            for field in 0..<6 {
                for level in 0..<Comparison.levelCounts[field] {
                    let index = pattern * 48 + field * 8 + level
                    // For term-frequency levels logM carries the level's own factor: log2 m for identical,
                    // log2(m · u_identical / u_variant) for the diacritic variant.
                    logM[index] = Float(log2(m[field][level]) + (field <= 2 && level == 1 ? log2(u[field][0] / u[field][1]) : 0))
                    weight[index] = Self.isMissingLevel(field: field, level: level) ? 0 : Float(log2(m[field][level] / u[field][level]))
                }
            }
        }
        self.logM = logM
        self.weight = weight
    }

    /// The same model with other per-pattern m (the overall m, u and the per-pattern u kept).
    func replacing(m newM: [[[Double]]]) -> MatchModel {
        MatchModel(m: m, u: u, patternM: newM, patternU: patternU)
    }

    /// P(key agrees | same person) per key kind: the product over the key's fields of the m of the levels
    /// that keep a pair in the same block (names equal up to diacritics; the date exact, or in the same year
    /// for the year keys; sex and commune agreeing, the sex also when missing on either side, which is probed and filed under both).
    static func keyAgreement(_ m: [[Double]]) -> [Double] {
        let surname = m[0][0] + m[0][1]
        let given = m[1][0] + m[1][1]
        let middle = m[2][0] + m[2][1]
        let exact = m[3][0]
        let sameYear = m[3][0] + m[3][1] + m[3][2] + m[3][3] + m[3][4]
        return [
            surname * given * middle * (exact + m[3][3]), given * exact, surname * exact * (m[4][0] + m[4][2]), given * sameYear * (m[4][0] + m[4][2]) * m[5][0],
            surname * middle * given * sameYear, surname * given * sameYear * (m[4][0] + m[4][2]), surname * middle * given * (m[4][0] + m[4][2]),
        ]
    }

    static func isMissingLevel(field: Int, level: Int) -> Bool { level == Comparison.levelCounts[field] - 1 }

    /// Whether the level's u comes from the value's frequency.
    @inline(__always)
    static func usesFrequency(field: Int, level: UInt8) -> Bool { field <= 2 && level <= 1 }

    /// The weight of one field's level, with the person's term frequency where it applies.
    @inline(__always)
    func weight(field: Int, level: UInt8, frequency: TermFrequencies.Entry, pattern: Int) -> Float {
        let index = pattern * 48 + field * 8 + Int(level)
        switch field {
        case 0 where level <= 1: return logM[index] - frequency.surname
        case 1 where level <= 1: return logM[index] - frequency.given
        case 2 where level <= 1: return logM[index] - frequency.middle
        default: return weight[index]
        }
    }

    /// The match weight of a pair, in bits.
    @inline(__always)
    func score(_ comparison: Comparison, _ frequency: TermFrequencies.Entry, pattern: Int) -> Float {
        let base = pattern * 48
        return weight(field: 0, level: comparison.surname, frequency: frequency, pattern: pattern)
            + weight(field: 1, level: comparison.given, frequency: frequency, pattern: pattern)
            + weight(field: 2, level: comparison.middle, frequency: frequency, pattern: pattern)
            + weight[base + 24 + Int(comparison.dateOfBirth)]
            + weight[base + 32 + Int(comparison.sex)]
            + weight[base + 40 + Int(comparison.commune)]
    }

    /// Whether an ID-linked pair is plausible enough to train m on: at least two of surname, given
    /// name and date of birth are close.
    static func isPlausibleIDPair(_ comparison: Comparison) -> Bool {
        var close = 0
        if comparison.surname <= Comparison.Name.similar { close += 1 }
        if comparison.given <= Comparison.Name.similar { close += 1 }
        if comparison.dateOfBirth <= Comparison.Date.offByOne { close += 1 }
        return close >= 2
    }

    /// Prior m per field and level: typical agreement of the same person's two records.
    static let priorM: [[Double]] = [
        [0.93, 0.04, 0.002, 0.01, 0.013, 0.005], [0.93, 0.04, 0.002, 0.01, 0.013, 0.005], [0.9, 0.03, 0.04, 0.01, 0.01, 0.01],
        [0.93, 0.02, 0.01, 0.01, 0.01, 0.005, 0.01, 0.005], [0.99, 0.005, 0.005], [0.95, 0.045, 0.005],
    ]
    /// Prior u per field and level: chance agreement of two different people.
    static let priorU: [[Double]] = [
        [0.05, 0.005, 0.001, 0.02, 0.92, 0.004], [0.05, 0.005, 0.001, 0.02, 0.92, 0.004], [0.1, 0.005, 0.05, 0.03, 0.81, 0.005],
        [0.0001, 0.0005, 0.00001, 0.0002, 0.012, 0.00001, 0.98, 0.007], [0.5, 0.495, 0.005], [0.01, 0.985, 0.005],
    ]
    /// Weight of the priors, in pseudo-pairs: decisive for a handful of records, negligible for millions.
    static let priorStrength = 100.0

    /// Estimates m from ID-linked comparisons and u from random-pair comparisons, each smoothed
    /// towards the priors (a Dirichlet prior), so that small datasets still get sensible weights.
    static func estimate(linked: [Comparison], random: [Comparison]) -> MatchModel {
        MatchModel(m: distribution(linked.filter(isPlausibleIDPair), prior: priorM), u: distribution(random, prior: priorU))
    }

    /// The same, and per field-presence pattern of the source record: m from the ID-linked pairs of
    /// records with that pattern, u from the random pairs of records with that pattern, each smoothed
    /// towards the overall estimate (so a pattern with few records keeps the overall weights).
    static func estimate(linked: [(pattern: Int, comparison: Comparison)], random: [(pattern: Int, comparison: Comparison)]) -> MatchModel {
        let plausible = linked.filter { isPlausibleIDPair($0.comparison) }
        let m = distribution(plausible.map(\.comparison), prior: priorM)
        let u = distribution(random.map(\.comparison), prior: priorU)
        let patternM = (0..<patternCount).map { pattern in distribution(plausible.lazy.filter { $0.pattern == pattern }.map(\.comparison), prior: m) }
        let patternU = (0..<patternCount).map { pattern in distribution(random.lazy.filter { $0.pattern == pattern }.map(\.comparison), prior: u) }
        return MatchModel(m: m, u: u, patternM: patternM, patternU: patternU)
    }

    static func distribution(_ pairs: some Sequence<Comparison>, prior: [[Double]], strength: Double = priorStrength) -> [[Double]] {
        var counts = prior.map { row in row.map { $0 * strength } }
        for pair in pairs {
            for field in 0..<6 { counts[field][Int(pair[field])] += 1 }
        }
        return counts.map { row in
            let total = row.reduce(0, +)
            return row.map { $0 / total }
        }
    }
}
