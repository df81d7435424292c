import Testing

@testable import MotCuaReconciliation

/// Thresholds that follow the fields a record actually has.
@Suite struct CalibrationTests {
    static func record(date: Int32, commune: UInt32) -> SourceRecord {
        SourceRecord(
            idKind: .none, citizenID: 0, legacyID: 0, name: NameKeys(), dateOfBirth: date, eventDate: 0, commune: commune, communeAlternative: 0,
            contentHash: 0, offset: 0, sex: 0, event: 0)
    }

    @Test("a record's pattern says whether it has a full date, a birth year only or no date, and a place or not")
    func patterns() {
        #expect(Matcher.pattern(Self.record(date: 19_900_102, commune: 9343)) == 0)
        #expect(Matcher.pattern(Self.record(date: 19_900_102, commune: 0)) == 1)
        #expect(Matcher.pattern(Self.record(date: 19_900_000, commune: 9343)) == 2)
        #expect(Matcher.pattern(Self.record(date: 0, commune: 0)) == 5)
    }

    @Test("a record can be reduced to a pattern with fewer fields, never to one with more")
    func masking() throws {
        let full = Self.record(date: 19_900_102, commune: 9343)
        let yearOnly = try #require(Matcher.masked(full, to: 3))
        #expect(yearOnly.dateOfBirth == 19_900_000)
        #expect(yearOnly.commune == 0)
        #expect(try #require(Matcher.masked(full, to: 4)).dateOfBirth == 0)
        #expect(Matcher.masked(Self.record(date: 19_900_000, commune: 9343), to: 0) == nil)
        #expect(Matcher.masked(Self.record(date: 19_900_102, commune: 0), to: 0) == nil)
    }

    @Test("the threshold is the lowest at which decoys and wrong best candidates keep the estimated precision")
    func thresholdFromTrials() {
        typealias Trial = Calibration.Trial
        // 1,000 records found right at 20 bits with a clear lead; their decoys score 14 with a clear lead.
        let trials = (0..<1_000).map { _ in
            (Trial(best: 20, lead: 10, right: true, regional: false), Trial(best: 14, lead: 10, right: false, regional: false))
        }
        #expect(Calibration.automaticThreshold(trials, targetPrecision: 0.999, absentShare: 0.1) == 14.25)
        // Without decoys that stand out, the first threshold already reaches the target.
        let clean = trials.map { ($0.0, Trial(best: 14, lead: 1, right: false, regional: false)) }
        #expect(Calibration.automaticThreshold(clean, targetPrecision: 0.999, absentShare: 0.1) == 10)
    }

    @Test("the thresholds without patterns fall back to the overall automatic threshold")
    func fallback() {
        let thresholds = MatchThresholds(automatic: 12, review: 6, margin: 5, conflict: 0, automaticByPattern: [11, nil, 20])
        #expect(thresholds.automatic(pattern: 0) == 11)
        #expect(thresholds.automatic(pattern: 1) == 12)
        #expect(thresholds.automatic(pattern: 2) == 20)
        #expect(thresholds.automatic(pattern: 5) == 12)
    }
}
