import Foundation
import MotCuaDomain
import Testing

@Suite struct HolidayScheduleTests {
    /// A schedule file whose `daysOff` and `workedDays` are the given JSON fragments.
    static func file(year: Int = 2025, daysOff: String, workedDays: String = "", extra: String = "") -> Data {
        Data(
            """
            { "year": \(year), "status": "official", "version": 1, "source": "test"\(extra), "daysOff": [\(daysOff)], "workedDays": [\(workedDays)] }
            """.utf8)
    }

    static func entry(_ date: String, _ nameVi: String = "Ngày nghỉ", replaces: String? = nil, source: String? = "test", extra: String = "") -> String {
        let replacing = replaces.map { #", "replaces": "\#($0)""# } ?? ""
        let sourced = source.map { #", "source": "\#($0)""# } ?? ""
        return #"{ "date": "\#(date)", "nameVi": "\#(nameVi)", "nameEn": "Day off"\#(replacing)\#(sourced)\#(extra) }"#
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let data: Data
        let entry: String?
        let reason: CalendarDataError.Reason
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(
            name: "nonexistent date", data: file(daysOff: entry("2025-01-01") + "," + entry("2025-02-30")),
            entry: "daysOff[1] (2025-02-30)", reason: .invalidDate),
        BadFile(
            name: "day both off and worked", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-05-02", replaces: "2025-05-02")),
            entry: "workedDays[0] (2025-05-02)", reason: .bothOffAndWorked),
        BadFile(
            name: "worked day on a Monday", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-04-28", replaces: "2025-05-02")),
            entry: "workedDays[0] (2025-04-28)", reason: .workedDayNotWeekend),
        BadFile(
            name: "duplicate day off", data: file(daysOff: entry("2025-09-02") + "," + entry("2025-09-01") + "," + entry("2025-09-02")),
            entry: "daysOff[2] (2025-09-02)", reason: .duplicate),
        BadFile(
            name: "duplicate worked day", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-04-26", replaces: "2025-05-02") + "," + entry("2025-04-26", replaces: "2025-05-02")),
            entry: "workedDays[1] (2025-04-26)", reason: .duplicate),
        BadFile(
            name: "day off on a Sunday", data: file(daysOff: entry("2025-08-31")),
            entry: "daysOff[0] (2025-08-31)", reason: .dayOffOnWeekend),
        BadFile(
            name: "date outside the file's year", data: file(daysOff: entry("2026-01-01")),
            entry: "daysOff[0] (2026-01-01)", reason: .outsideYear(declared: 2025)),
        BadFile(
            name: "swap pointing at a working day", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-04-26", replaces: "2025-05-05")),
            entry: "workedDays[0] (2025-04-26)", reason: .replacesUnknownDay("2025-05-05")),
        BadFile(
            name: "blank Vietnamese name", data: file(daysOff: entry("2025-01-01", " ")),
            entry: "daysOff[0] (2025-01-01)", reason: .emptyName(field: "nameVi")),
        BadFile(
            name: "decomposed (NFD) name", data: file(daysOff: entry("2025-01-01", "Tết Dương lịch".decomposedStringWithCanonicalMapping)),
            entry: "daysOff[0] (2025-01-01)", reason: .notNFC(field: "nameVi")),
        BadFile(
            name: "missing name", data: file(daysOff: #"{ "date": "2025-01-01", "nameEn": "x" }"#),
            entry: nil, reason: .malformed(path: "daysOff[0].nameVi", detail: "required key 'nameVi' is missing")),
        BadFile(
            name: "year not a four-digit year", data: file(year: 25, daysOff: ""),
            entry: nil, reason: .invalidYear(25)),
        BadFile(
            name: "unknown field in the file", data: file(daysOff: entry("2025-01-01"), extra: #", "years": [2025]"#),
            entry: nil, reason: .unknownField("years")),
        BadFile(
            name: "unknown (misspelt) field in an entry", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-04-26", extra: #", "replace": "2025-05-02""#)),
            entry: "workedDays[0] (2025-04-26)", reason: .unknownField("replace")),
        BadFile(
            name: "swap that names no weekday off", data: file(daysOff: entry("2025-05-02"), workedDays: entry("2025-04-26")),
            entry: "workedDays[0] (2025-04-26)", reason: .swapWithoutDayOff),
        BadFile(
            name: "entry without a source", data: file(daysOff: entry("2025-01-01", source: nil)),
            entry: "daysOff[0] (2025-01-01)", reason: .missingSource),
        BadFile(
            name: "entry with a blank source", data: file(daysOff: entry("2025-01-01", source: " ")),
            entry: "daysOff[0] (2025-01-01)", reason: .missingSource),
        BadFile(
            name: "file without a status", data: Data(#"{ "year": 2025, "version": 1, "source": "x", "daysOff": [] }"#.utf8),
            entry: nil, reason: .malformed(path: "status", detail: "required key 'status' is missing")),
        BadFile(
            name: "version zero", data: Data(#"{ "year": 2025, "status": "official", "version": 0, "source": "x", "daysOff": [] }"#.utf8),
            entry: nil, reason: .invalidVersion(0)),
        BadFile(
            name: "blank file source", data: Data(#"{ "year": 2025, "status": "official", "version": 1, "source": " ", "daysOff": [] }"#.utf8),
            entry: nil, reason: .missingSource),
    ]

    @Test("two files claiming the same version of a year stop start-up, naming both files")
    func rejectsOverlappingVersions() throws {
        let first = try HolidaySchedule.decode(Self.file(daysOff: Self.entry("2025-01-01")), source: "vn-2025.json")
        let second = try HolidaySchedule.decode(Self.file(daysOff: Self.entry("2025-01-02")), source: "vn-2025-fix.json")
        let error = #expect(throws: CalendarDataError.self) { try HolidaySchedule.combining([first, second]) }
        #expect(error?.reason == .overlappingVersion(year: 2025, version: 1, otherFile: "vn-2025.json"))
        #expect(error?.source == "vn-2025-fix.json")
        // A later notice with its own version is merged, and wins.
        let later = try HolidaySchedule.decode(
            Self.file(daysOff: Self.entry("2025-01-02"), extra: "").replacingVersion(2), source: "vn-2025-fix.json")
        let merged = try HolidaySchedule.combining([later, first])
        #expect(merged.isDayOff(VietnamTime.date(2025, 1, 1)) && merged.isDayOff(VietnamTime.date(2025, 1, 2)))
    }

    @Test(arguments: badFiles)
    func rejectsBadFileNamingSourceEntryAndReason(_ bad: BadFile) {
        let error = #expect(throws: CalendarDataError.self) { try HolidaySchedule.decode(bad.data, source: "vn-test.json") }
        #expect(error?.reason == bad.reason)
        #expect(error?.entry?.description == bad.entry)
        let description = error?.description ?? ""
        #expect(description.hasPrefix("vn-test.json: "))
        if let entry = bad.entry { #expect(description.contains(entry)) }
        #expect(description.hasSuffix(bad.reason.description))
    }

    @Test func rejectsJSONThatIsNotAnObjectWithItsPath() {
        let error = #expect(throws: CalendarDataError.self) {
            try HolidaySchedule.decode(Data(#"{ "year": "2025", "status": "official", "version": 1, "source": "x", "daysOff": [] }"#.utf8), source: "bad.json")
        }
        guard case .malformed(let path, _) = error?.reason else {
            Issue.record("expected a malformed-JSON reason, got \(String(describing: error))")
            return
        }
        #expect(path == "year")
        #expect(error?.description.hasPrefix("bad.json: malformed JSON at year") == true)
    }

    @Test func decodesSwapWithTheDayItReplaces() throws {
        let schedule = try HolidaySchedule.decode(
            Self.file(daysOff: Self.entry("2025-05-02"), workedDays: Self.entry("2025-04-26", replaces: "2025-05-02")), source: "t")
        let worked = try #require(schedule.workedDays[VietnamTime.date(2025, 4, 26)])
        #expect(worked.replaces == VietnamTime.date(2025, 5, 2))
        #expect(schedule.isDayOff(VietnamTime.date(2025, 5, 2)))
        #expect(schedule.coveredYears == [2025])
    }

    @Test func mergingAddsEntriesAndYears() throws {
        let year2025 = try HolidaySchedule(
            years: [2025], daysOff: [.init(date: VietnamTime.date(2025, 1, 1), nameVi: "Tết Dương lịch", nameEn: "New Year's Day")],
            workedDays: [])
        let year2026 = try HolidaySchedule(
            years: [2026], daysOff: [.init(date: VietnamTime.date(2026, 1, 1), nameVi: "Tết Dương lịch", nameEn: "New Year's Day")],
            workedDays: [])
        let merged = year2025.merging(year2026)
        #expect(merged.coveredYears == [2025, 2026])
        #expect(merged.isDayOff(VietnamTime.date(2025, 1, 1)) && merged.isDayOff(VietnamTime.date(2026, 1, 1)))
        #expect(HolidaySchedule.empty.merging(merged) == merged)
    }

    @Test func inCodeScheduleFollowsTheFileRules() {
        let error = #expect(throws: CalendarDataError.self) {
            try HolidaySchedule(
                years: [2025], daysOff: [],
                workedDays: [.init(date: VietnamTime.date(2025, 4, 28), nameVi: "Làm bù", nameEn: "Make-up day")],
                source: "code")
        }
        #expect(error?.reason == .workedDayNotWeekend)
        #expect(error?.source == "code")
    }
}

extension Data {
    /// The same schedule file with another `version`.
    func replacingVersion(_ version: Int) -> Data {
        Data(String(decoding: self, as: UTF8.self).replacingOccurrences(of: #""version": 1"#, with: #""version": \#(version)"#).utf8)
    }
}
