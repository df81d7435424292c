import Testing

@testable import MotCuaReconciliation

/// Agreement levels of the Fellegi–Sunter comparison vector.
@Suite struct ComparisonTests {
    @Test func dateLevelsRecogniseSwapsOffByOneDaysMistypedDigitsAndYearOnlyDates() {
        #expect(Comparison.date(19_900_715, 19_900_715) == Comparison.Date.exact)
        #expect(Comparison.date(19_900_503, 19_900_305) == Comparison.Date.swapped)
        #expect(Comparison.date(19_900_301, 19_900_228) == Comparison.Date.offByOne)
        #expect(Comparison.date(19_991_231, 20_000_101) == Comparison.Date.offByOne)
        #expect(Comparison.date(19_900_000, 19_900_715) == Comparison.Date.yearOnly)
        #expect(Comparison.date(19_900_101, 19_901_120) == Comparison.Date.sameYear)
        // One digit of the day or the month mistyped.
        #expect(Comparison.date(19_900_715, 19_900_725) == Comparison.Date.oneDigit)
        #expect(Comparison.date(19_900_715, 19_900_115) == Comparison.Date.oneDigit)
        #expect(Comparison.date(19_900_715, 19_900_826) == Comparison.Date.sameYear)
        // A year mistyped in one digit, the day and month right.
        #expect(Comparison.date(19_910_715, 19_900_715) == Comparison.Date.oneDigit)
        #expect(Comparison.date(19_810_715, 19_910_715) == Comparison.Date.oneDigit)
        #expect(Comparison.date(19_910_715, 19_820_715) == Comparison.Date.different)
        #expect(Comparison.date(19_910_715, 19_900_815) == Comparison.Date.different)
        #expect(Comparison.date(19_910_000, 19_810_000) == Comparison.Date.different)
        #expect(Comparison.date(0, 19_900_715) == Comparison.Date.missing)
    }

    @Test func packedTokensAreWithinOneEditOnlyForOneSubstitutionInsertionDeletionOrSwap() {
        let pack = NameKeys.pack(_:)
        #expect(NameKeys.withinOneEdit(pack("linh"), pack("lin")))
        #expect(NameKeys.withinOneEdit(pack("thao"), pack("thoa")))
        #expect(NameKeys.withinOneEdit(pack("hung"), pack("hong")))
        #expect(NameKeys.withinOneEdit(pack("anh"), pack("oanh")))
        #expect(!NameKeys.withinOneEdit(pack("hoang"), pack("huynh")))
        #expect(!NameKeys.withinOneEdit(pack("anh"), pack("anh")))
        #expect(!NameKeys.withinOneEdit(pack("an"), pack("anhh")))
    }

    @Test func aMiddleInitialThatIsTheOtherMiddleNamesFirstLetterComparesAsOmittedNotDifferent() {
        let pack = NameKeys.pack(_:)
        #expect(Comparison.Middle.differing(pack("v"), pack("van")) == Comparison.Middle.omitted)
        #expect(Comparison.Middle.differing(pack("thi"), pack("t")) == Comparison.Middle.omitted)
        #expect(Comparison.Middle.differing(pack("h"), pack("van")) == Comparison.Middle.different)
        #expect(Comparison.Middle.differing(pack("v"), pack("t")) == Comparison.Middle.different)
    }

    @Test func aScannersRnForMOrClForDIsOneEditAndNothingMore() {
        let pack = NameKeys.pack(_:)
        #expect(NameKeys.withinOneEdit(pack("nam"), pack("narn")))
        #expect(NameKeys.withinOneEdit(pack("narn"), pack("nam")))
        #expect(NameKeys.withinOneEdit(pack("minh"), pack("rninh")))
        #expect(NameKeys.withinOneEdit(pack("tam"), pack("tarn")))
        #expect(NameKeys.withinOneEdit(pack("duc"), pack("cluc")))
        #expect(NameKeys.withinOneEdit(pack("dung"), pack("clung")))
        // The rest of the token must agree exactly, and the pair counts once.
        #expect(!NameKeys.withinOneEdit(pack("nam"), pack("narnh")))
        #expect(!NameKeys.withinOneEdit(pack("minh"), pack("rnirn")))
        #expect(!NameKeys.withinOneEdit(pack("mai"), pack("rnui")))
        #expect(!NameKeys.withinOneEdit(pack("dao"), pack("clau")))
        #expect(NameKeys.withinOneEdit(pack("lam"), pack("lan")))
    }

    @Test func regionalSurnamesGetTheirOwnLevelBeforeTheEditDistance() {
        let vu = NameKeys.pack("vu")
        let vo = NameKeys.pack("vo")
        #expect(NameKeys.withinOneEdit(vu, vo))
        #expect(Comparison.token(vu, vo, 1, 2, regional: true) == Comparison.Name.regional)
        #expect(Comparison.token(NameKeys.pack("hoang"), NameKeys.pack("huynh"), 1, 2, regional: true) == Comparison.Name.regional)
        #expect(Comparison.token(vu, vu, 1, 2, regional: true) == Comparison.Name.folded)
        #expect(Comparison.token(vu, vu, 1, 1, regional: true) == Comparison.Name.identical)
    }

    @Test func theIDIndexFindsEveryInsertedKeyAndReportsDuplicates() {
        var index = IDIndex(capacity: 1000)
        for value in 1...1000 { index.insert(UInt64(value) * 1_000_003, Int32(value)) }
        index.insert(5 * 1_000_003, 99)
        #expect(index.find(5 * 1_000_003) == 5)
        #expect(index.find(7) == nil)
        #expect(index.duplicates == [5 * 1_000_003])
        #expect((1...1000).allSatisfy { index.find(UInt64($0) * 1_000_003) == Int32($0) })
        // The presence filter never denies an inserted key and lets through about one absent key in sixteen.
        #expect((1...1000).allSatisfy { index.mayContain(UInt64($0) * 1_000_003) })
        let passed = (1...10_000).filter { index.mayContain(27_000_000_000 + UInt64($0) * 7) }.count
        #expect(passed < 1_500)
    }

    @Test func placeCodeValidationAgreesWithCitizenID() {
        #expect(FieldParsing.isStructurallyValid(027_090_000_001))
        #expect(!FieldParsing.isStructurallyValid(003_090_000_001))
        #expect(FieldParsing.isStructurallyValid(175_090_000_001))
        #expect(!FieldParsing.isStructurallyValid(300_090_000_001))
    }
}
