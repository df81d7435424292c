import Foundation
import MotCuaDomain
import Testing

@Suite("Decision 766 index engine and configuration")
struct IndexEngineTests {
    static func configuration() throws -> IndexConfiguration {
        try IndexConfiguration.load(try ReferenceResources.data("index/decision-766.json"), source: "decision-766.json")
    }

    @Test("The shipped configuration has the five groups with their maxima, weights within them, and every weight marked unverified")
    func shippedConfiguration() throws {
        let configuration = try Self.configuration()
        #expect(configuration.groups.map(\.maxPoints) == [18, 20, 22, 22, 18])
        #expect(configuration.groups.map(\.maxPoints).reduce(0, +) == 100)
        for group in configuration.groups {
            #expect(abs(group.indicators.map(\.weight).reduce(0, +) - group.maxPoints) < 1e-9, "group \(group.id)")
        }
        #expect(configuration.indicators.allSatisfy { !$0.weightVerified && !$0.weightSource.isEmpty })
        let thresholds = Dictionary(uniqueKeysWithValues: configuration.indicators.compactMap { i in i.fullScoreThreshold.map { (i.id, $0) } })
        #expect(thresholds == ["3.1": 0.8, "3.3": 0.5, "3.5": 0.8, "4.2": 0.8, "4.3": 0.8, "5.4": 0.9])
        #expect(configuration.indicators.allSatisfy { $0.fullScoreThreshold == nil || $0.thresholdSource != nil })
    }

    @Test("A configuration whose weights exceed the group's maximum, or with a duplicate indicator, is refused")
    func invalidConfigurations() throws {
        let text = String(decoding: try ReferenceResources.data("index/decision-766.json"), as: UTF8.self)
        let heavier = text.replacingOccurrences(of: #""weight": 10"#, with: #""weight": 11"#)
        #expect(throws: IndexConfigurationError.self) { try IndexConfiguration.load(Data(heavier.utf8), source: "t") }
        let duplicated = text.replacingOccurrences(of: #""id": "2.2""#, with: #""id": "2.1""#)
        #expect(throws: IndexConfigurationError.self) { try IndexConfiguration.load(Data(duplicated.utf8), source: "t") }
    }

    @Test("Points: at or above the threshold earn the full weight, below it rate × weight ÷ threshold, without one rate × weight")
    func pointsRule() {
        #expect(IndexEngine.points(rate: 0.8, weight: 4.4, threshold: 0.8) == 4.4)
        #expect(IndexEngine.points(rate: 0.95, weight: 4.4, threshold: 0.8) == 4.4)
        #expect(abs(IndexEngine.points(rate: 0.4, weight: 4.4, threshold: 0.8) - 2.2) < 1e-12)
        #expect(abs(IndexEngine.points(rate: 0.25, weight: 4.4, threshold: 0.5) - 2.2) < 1e-12)
        #expect(IndexEngine.points(rate: 0.625, weight: 10, threshold: nil) == 6.25)
    }

    @Test("Satisfaction is 100% minus the overdue and complaint rates; missing complaint data counts 0 and says so")
    func satisfaction() throws {
        let configuration = try Self.configuration()
        let indicator = try #require(configuration.indicator(id: "5.4"))
        let withoutComplaints = IndexEngine.score(indicator, input: .satisfaction(overdue: 1, complained: nil, total: 20))
        #expect(withoutComplaints.rate == 0.95)
        #expect(withoutComplaints.points == 4.5)  // 95% ≥ 90%
        #expect(withoutComplaints.explanationVi.contains("chưa có dữ liệu"))
        let withComplaints = IndexEngine.score(indicator, input: .satisfaction(overdue: 2, complained: 2, total: 20))
        #expect(abs((withComplaints.rate ?? 0) - 0.8) < 1e-12)
        #expect(abs((withComplaints.points ?? 0) - 4.0) < 1e-12)  // 80% ÷ 90% × 4.5
    }

    @Test("An empty denominator, missing data and a rule that does not apply score nothing and say why")
    func unscored() throws {
        let configuration = try Self.configuration()
        let score = IndexEngine.score(configuration, inputs: IndexCounts().inputs(procedures: 0, proceduresOnline: 0))
        #expect(score.points == 0)
        #expect(score.scoredMaxPoints == 0)
        #expect(score.indicator("2.1")?.state == .noData)
        #expect(score.indicator("3.6")?.state == .noData)
        #expect(score.indicator("3.6")?.explanationEn.contains("no online payments") == true)
        #expect(score.indicator("1.4")?.state == .notApplicable)
        #expect(score.indicator("2.2")?.state == .noData)
    }

    @Test("The explanation states the counts, the rate, the threshold rule and the points")
    func explanation() throws {
        let indicator = try #require(try Self.configuration().indicator(id: "3.3"))
        let score = IndexEngine.score(indicator, input: .rate(numerator: 3, denominator: 8))
        #expect(score.explanationEn.contains("3 ÷ 8 = 37.5%"))
        #expect(score.explanationEn.contains("≥ 50% earns full points"))
        #expect(score.explanationEn.hasSuffix("→ 3.3 points."))
        #expect(score.explanationVi.contains("→ 3.3 điểm."))
    }
}

@Suite("Index periods in Vietnam time")
struct IndexPeriodTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30 07:53 Vietnam time

    @Test("Months, quarters, years and custom dates start at 00:00 Vietnam time; custom end days are inclusive")
    func shapes() throws {
        let month = try IndexPeriod.parse(period: "2026-11", from: nil, to: nil, now: Self.now)
        #expect(month.start == ISO8601DateFormatter().date(from: "2026-10-31T17:00:00Z"))
        #expect(month.end == ISO8601DateFormatter().date(from: "2026-11-30T17:00:00Z"))
        let quarter = try IndexPeriod.parse(period: "2026-Q4", from: nil, to: nil, now: Self.now)
        #expect(quarter.start == ISO8601DateFormatter().date(from: "2026-09-30T17:00:00Z"))
        #expect(quarter.end == ISO8601DateFormatter().date(from: "2026-12-31T17:00:00Z"))
        let year = try IndexPeriod.parse(period: "2025", from: nil, to: nil, now: Self.now)
        #expect(year.end.timeIntervalSince(year.start) == 365 * 86_400)
        let custom = try IndexPeriod.parse(period: nil, from: "2026-02-01", to: "2026-02-28", now: Self.now)
        #expect(custom.end.timeIntervalSince(custom.start) == 28 * 86_400)
        let current = try IndexPeriod.parse(period: nil, from: nil, to: nil, now: Self.now)
        #expect(current.label == "2026-11")
        #expect(IndexPeriod.lastTwelveMonths(endingAt: Self.now).map(\.label).first == "2025-12")
        #expect(IndexPeriod.lastTwelveMonths(endingAt: Self.now).map(\.label).last == "2026-11")
    }

    @Test("Bad periods are refused naming the field", arguments: [
        ("2026-13", nil, nil, "period"), ("2026-Q5", nil, nil, "period"), ("26-11", nil, nil, "period"), ("2026-11-01", nil, nil, "period"),
        (nil, "2026-02-30", "2026-03-01", "from"), (nil, "2026-01-01", "2026/02/01", "to"), (nil, "2026-03-01", "2026-02-01", "to"),
        (nil, "2020-01-01", "2025-01-01", "to"), (nil, "2026-01-01", nil, "to"), ("2026", "2026-01-01", "2026-01-02", "period"),
    ] as [(String?, String?, String?, String)])
    func badPeriods(period: String?, from: String?, to: String?, field: String) {
        #expect {
            try IndexPeriod.parse(period: period, from: from, to: to, now: Self.now)
        } throws: { error in
            (error as? IndexPeriodError)?.field == field
        }
    }

    @Test("A span of exactly five years is accepted")
    func fiveYears() throws {
        let period = try IndexPeriod.parse(period: nil, from: "2021-01-01", to: "2025-12-31", now: Self.now)
        #expect(period.label == "2021-01-01..2025-12-31")
    }
}
