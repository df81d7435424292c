import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// Automatic links decided per record, from the posterior against the record's own alternatives.
@Suite struct PosteriorDecisionTests {
    static func name(_ text: String) -> NameKeys {
        var folder = NameFolder()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { try? folder.fold($0) }
        return NameKeys(folder)
    }

    static func person(_ name: String, _ date: Int32, commune: UInt32, sex: UInt8 = 1) -> RegisterPerson {
        RegisterPerson(
            citizenID: 0, legacyID: 0, spouseID: 0, name: Self.name(name), dateOfBirth: date, commune: commune, offset: 0, sex: sex, maritalStatus: 0,
            vitalStatus: 0)
    }

    static func record(_ name: String, _ date: Int32, commune: UInt32, sex: UInt8 = 1) -> SourceRecord {
        SourceRecord(
            idKind: .none, citizenID: 0, legacyID: 0, name: Self.name(name), dateOfBirth: date, eventDate: 0, commune: commune, communeAlternative: 0,
            contentHash: 0, offset: 0, sex: sex, event: 0)
    }

    /// A register of 2,000 people with varied names, dates and communes, plus `extra`.
    static func register(_ extra: [RegisterPerson]) -> [RegisterPerson] {
        let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Bùi", "Đỗ", "Ngô"]
        let middles = ["Văn", "Thị", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Thanh"]
        let givens = ["Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Lan", "Mạnh", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Vinh"]
        var people: [RegisterPerson] = []
        for index in 0..<2_000 {
            let text = "\(surnames[index % 8]) \(middles[index / 8 % 8]) \(givens[index / 64 % 14])"
            let date = PackedDate.make(1950 + index % 50, 1 + index % 12, 1 + index % 28)
            people.append(person(text, date, commune: UInt32(9_100 + index % 60), sex: UInt8(1 + index % 2)))
        }
        return people + extra
    }

    static func matcher(_ people: [RegisterPerson], posteriorOdds: Double = 6) async -> Matcher {
        let frequencies = TermFrequencies(people)
        return Matcher(
            people: people, frequencies: frequencies, candidates: CandidateTable(people, frequencies: frequencies), idIndex: IDIndex(capacity: 16),
            legacyIndex: IDIndex(capacity: 16), blocking: await BlockingIndex(people, parallelism: 1),
            model: MatchModel(m: MatchModel.priorM, u: MatchModel.priorU),
            // The score threshold is out of reach: only the posterior can make a link automatic here.
            thresholds: MatchThresholds(automatic: 1_000, review: 2, margin: 0, conflict: 0, posteriorOdds: posteriorOdds),
            absentWeight: Matcher.absentWeight(absentShare: 0.1, count: people.count))
    }

    static let anAn = "Nguyễn Văn An"

    @Test("a common name with a birth year and a commune links when no namesake is among the candidates")
    func uniqueCandidateLinks() async {
        let people = Self.register([Self.person(Self.anAn, 19_900_512, commune: 9_187)])
        let matcher = await Self.matcher(people)
        let outcome = matcher.match(Self.record(Self.anAn, 19_900_000, commune: 9_187))
        #expect(outcome.decision == .automatic)
        #expect(outcome.person == Int32(people.count - 1))
        #expect(outcome.posteriorOdds >= 6)
    }

    @Test("a misspelt given name is found by surname, full date and sex, and by surname and date alone when the record gives no sex")
    func misspeltGivenNameIsFoundWithOrWithoutSex() async {
        let people = Self.register([Self.person("Đinh Công Tráng", 19_870_314, commune: 9_187, sex: Code.male)])
        let matcher = await Self.matcher(people)
        // Only the key of surname, date and sex holds both: the given name differs, and no commune is given.
        for sex in [Code.male, 0] {
            let search = matcher.search(Self.record("Đinh Công Xráng", 19_870_314, commune: 0, sex: sex), excluding: -1)
            #expect(search.best == Int32(people.count - 1), "sex \(sex)")
        }
        let otherSex = matcher.search(Self.record("Đinh Công Xráng", 19_870_314, commune: 0, sex: Code.female), excluding: -1)
        #expect(otherSex.best != Int32(people.count - 1))
    }

    @Test("a source whose sex is coded otherwise than the register's (ID-linked pairs disagree) is looked for under both sexes")
    func sexCodedOtherwiseIsNotUsedToBlock() async {
        func pairs(_ count: Int, disagreeing: Int) -> [(Int32, Int32, Comparison)] {
            (0..<count).map { index in
                var comparison = Comparison.none
                comparison.sex = index < disagreeing ? Comparison.Simple.disagree : Comparison.Simple.agree
                return (Int32(index), Int32(index), comparison)
            }
        }
        #expect(Matcher.trustsSex(linked: pairs(1_000, disagreeing: 3)).trusted)
        let flipped = Matcher.trustsSex(linked: pairs(1_000, disagreeing: 480))
        #expect(!flipped.trusted && flipped.share == 0.48)
        // Too few pairs to tell: the sex is used.
        #expect(Matcher.trustsSex(linked: pairs(50, disagreeing: 50)) == (nil, true))

        let people = Self.register([Self.person("Đinh Công Tráng", 19_870_314, commune: 9_187, sex: Code.male)])
        var matcher = await Self.matcher(people)
        let record = Self.record("Đinh Công Xráng", 19_870_314, commune: 0, sex: Code.female)
        #expect(matcher.search(record, excluding: -1).best != Int32(people.count - 1))
        matcher.usesRecordSex = false
        #expect(matcher.search(record, excluding: -1).best == Int32(people.count - 1))
    }

    @Test("a register person without a sex is found under either sex, and a register without the column is keyed without it")
    func registerWithoutSexIsStillSearched() async {
        let unsexed = Self.register([Self.person("Đinh Công Tráng", 19_870_314, commune: 9_187, sex: 0)])
        let noColumn = unsexed.map { person in
            var person = person
            person.sex = 0
            return person
        }
        for (people, keyedBySex) in [(unsexed, true), (noColumn, false)] {
            let matcher = await Self.matcher(people)
            #expect(matcher.blocking.keyedBySex == keyedBySex)
            for sex in [Code.male, Code.female, 0] {
                // Only the sex-holding key of surname and date holds both: the given name differs, no commune.
                let search = matcher.search(Self.record("Đinh Công Xráng", 19_870_314, commune: 0, sex: sex), excluding: -1)
                #expect(search.best == Int32(people.count - 1), "sex \(sex), keyed by sex: \(matcher.blocking.keyedBySex)")
            }
        }
    }

    @Test("the same record goes to review when a namesake with the same year and commune is a candidate")
    func namesakeSendsToReview() async {
        let people = Self.register([Self.person(Self.anAn, 19_900_512, commune: 9_187), Self.person(Self.anAn, 19_901_120, commune: 9_187)])
        let matcher = await Self.matcher(people)
        let outcome = matcher.match(Self.record(Self.anAn, 19_900_000, commune: 9_187))
        #expect(outcome.decision == .review)
        // Two equally likely candidates: at best even odds.
        #expect(outcome.posteriorOdds <= 0)
    }

    @Test("a block skipped for its size counts as unseen alternatives, not as none")
    func cappedKeyIsNotNoAlternatives() async {
        // 250 namesakes without a middle name, men born in 1990 elsewhere: the surname + given name + year + sex
        // block (capped at 100) is skipped for a record without a middle name.
        let namesakes = (0..<250).map { index in
            Self.person("Nguyễn An", PackedDate.make(1990, 1 + index % 12, 1 + index % 28), commune: UInt32(9_300 + index % 40))
        }
        let target = Self.person("Nguyễn Hữu An", 19_900_512, commune: 9_187)
        let people = Self.register(namesakes + [target])
        let matcher = await Self.matcher(people)
        let record = Self.record("Nguyễn An", 19_900_512, commune: 9_187)
        let found = matcher.search(record, excluding: -1)
        #expect(found.best == Int32(people.count - 1))
        #expect(found.skippedBlocks >= 1)
        #expect(found.unseen > 0)
        let withUnseen = found.posteriorOdds(absentWeight: matcher.absentWeight)
        var blind = found
        blind.unseen = 0
        #expect(withUnseen < blind.posteriorOdds(absentWeight: matcher.absentWeight))
        // The same record and person with the block small enough to search: nothing unseen.
        let small = Self.register(Array(namesakes.prefix(50)) + [target])
        let open = await Self.matcher(small).search(record, excluding: -1)
        #expect(open.skippedBlocks == 0)
        #expect(open.unseen == 0)
    }

    @Test("the posterior odds weigh the best candidate against the others and the absent hypothesis")
    func posteriorArithmetic() {
        var search = Matcher.Search()
        search.best = 3
        search.bestScore = 20
        search.alternatives = 1_024
        search.unseen = 0
        // 2^20 / (2^10 + 2^10) = 2^9.
        #expect(search.posteriorOdds(absentWeight: 1_024) == 9)
        search.unseen = 2_048
        #expect(search.posteriorOdds(absentWeight: 1_024) == 8)
        #expect(Matcher.Search().posteriorOdds(absentWeight: 1) == -.infinity)
        #expect(abs(Matcher.absentWeight(absentShare: 0.1, count: 900) - 100) < 1e-9)
    }

    @Test("calibration picks the lowest posterior-odds threshold that keeps the estimated precision")
    func oddsThresholdFromTrials() {
        typealias Trial = Calibration.Trial
        // Right links at 12 bits of odds; decoys (the person absent) at 3 bits.
        let trials = (0..<1_000).map { _ in
            (Trial(best: 30, lead: 10, right: true, regional: false, odds: 12), Trial(best: 25, lead: 10, right: false, regional: false, odds: 3))
        }
        #expect(Calibration.automaticThreshold(trials, targetPrecision: 0.999, absentShare: 0.1, statistic: .posteriorOdds) == 3.25)
    }
}
