import Foundation
import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// Registers digitised from paper carry the scanner's and the typist's damage: letters read for digits, impossible
/// days, two-digit years, IDs with a digit too many. A damaged field is read for what can be trusted and the row is
/// kept (one field of evidence less, never a lost record); the run counts such fields and the finding quotes them.
@Suite struct ScannerDamageTests {
    /// A register of three or four people is too small to calibrate on, and its weights mean little (a name without
    /// diacritics weighs against a match when nobody else shares it). These tests are about reading damaged and
    /// oddly written rows, so they fix the thresholds: the best candidate links when it leads by 5 bits.
    static let handSet = MatchThresholds(automatic: 10, review: 0, margin: 5, conflict: 0, posteriorOdds: -10)

    private func sourceID(_ text: String) -> (SourceRecord.IDKind, UInt64) {
        let bytes = Array(text.utf8)
        let reading = bytes.withUnsafeBufferPointer { FieldParsing.sourceID($0, FieldSlice(start: 0, end: bytes.count, escaped: false), field: 0) }
        return (reading.kind, reading.id)
    }

    private func date(_ text: String) -> (Int32, Bool) {
        let bytes = Array(text.utf8)
        let reading = bytes.withUnsafeBufferPointer { FieldParsing.salvagedDate($0, FieldSlice(start: 0, end: bytes.count, escaped: false)) }
        return (reading.date, reading.damaged)
    }

    @Test func lettersConfusedWithDigitsAreReadAsTheDigitsInIDs() {
        for (text, id) in [
            ("O27O9OOOO123", 27_090_000_123), ("027l90000123", 27_190_000_123), ("O27 O9O OOO l23", 27_090_000_123),
            ("CCCD: O27090000123", 27_090_000_123), ("027090000I23", 27_090_000_123), ("Số 02709OOOO123", 27_090_000_123),
            ("O27-O9O-OOO-S23", 27_090_000_523),
        ] as [(String, UInt64)] {
            #expect(sourceID(text) == (.citizen, id), "\(text)")
        }
        #expect(sourceID("l25OOOOO1") == (.legacy, 125_000_001))
        // Labels keep their letters: only a letter touching a digit is read as one.
        #expect(sourceID("CMND 125000001") == (.legacy, 125_000_001))
    }

    @Test func anIDASpreadsheetWroteAsANumberIsReadWhenNoDigitIsLost() {
        for text in ["24091681219.0", "24091681219,00", "2.4091681219E+10", "2,4091681219e10", "024091681219.0", "24091681219"] {
            #expect(sourceID(text) == (.citizen, 24_091_681_219), "\(text)")
        }
        #expect(sourceID("125378046.0") == (.legacy, 125_378_046))
        // Digits lost to the notation: no ID, never a guess. Thousands groups are still groups.
        #expect(sourceID("2.40917E+10") == (.unreadable, 0))
        #expect(sourceID("027.090.000.123") == (.citizen, 27_090_000_123))
        #expect(sourceID("24091681219.000") == (.unreadable, 0))
    }

    @Test func anIDFieldThatIsNoIDEvenUndamagedKeepsTheRowWithoutAnID() {
        for text in ["02709000012A", "12345", "0270900001234", "0271920004", "027090000123 (cũ)", "A027090000123", "CCCD027090000123"] {
            #expect(sourceID(text) == (.unreadable, 0), "\(text)")
        }
        // Placeholders stay "no ID", and a valid ID is not touched.
        #expect(sourceID("không có") == (.none, 0) && sourceID("0") == (.none, 0))
        #expect(sourceID("027090000123") == (.citizen, 27_090_000_123))
    }

    @Test func aDamagedDateKeepsWhatCanBeTrustedAndSaysItWasDamaged() {
        #expect(date("1990-07-15") == (19_900_715, false))
        #expect(date("") == (0, false))
        // Confused letters: the whole date, not damaged any more.
        for text in ["l5/O7/199O", "15/07/l990", "ngày l5 tháng O7 năm 1990", "I5.O7.1990"] {
            #expect(date(text) == (19_900_715, false), "\(text)")
        }
        // An impossible day or stray text around one four-digit year: the year alone.
        for text in ["31/02/1990", "15/13/1990", "15/07/1990/1", "khoảng 1990", "1990-07-15x", "15 abc 1990"] {
            #expect(date(text) == (19_900_000, true), "\(text)")
        }
        // Forms other systems write: month names, Roman numerals, blanks around separators, a weekday, a time, a serial day.
        for text in [
            "7-Dec-1991", "07-Dec-91", "Dec 7, 1991", "7 December 1991", "7th of December 1991", "07/XII/1991", "07 / 12 / 1991",
            "Thứ bảy, 07/12/1991", "07/12/1991 12:00:00 SA", "7/12/1991 0:00", "33579", "33579.0", "1991 . 12 . 07",
        ] {
            #expect(date(text) == (19_911_207, false), "\(text)")
        }
        // A word that is no part of a date, two month names, a question mark, a serial out of range: not read this way.
        for text in ["7 Dec 1991 abc", "Dec Jan 7 1991", "07/XII/1991?", "7 Dex 1991"] {
            #expect(date(text) == (19_910_000, true), "\(text)")
        }
        #expect(date("99999") == (0, true) && date("9999") == (0, true))
        // A two-digit year whose other century would be in the future has one reading (the birth or event happened).
        #expect(date("15/07/90") == (19_900_715, true) && date("5.7.90") == (19_900_705, true))
        // A two-digit year with two possible centuries (2015 or 1915), or two candidate years: nothing can be trusted.
        for text in ["15/07/15", "1990-2000", "không rõ", "12:30", "15/07/90/1"] {
            #expect(date(text) == (0, true), "\(text)")
        }
    }

    /// A register and a source with scanner damage in IDs and dates, read with the stop policy (any rejected row
    /// would end the run): every row is read, each record reaches its person, and the damage is reported.
    @Test func damagedRowsAreKeptLinkedAndReported() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv",
            DelimitedInputTests.registerHeader
                + "027090000123,,Nguyễn Văn An,male,1990-07-15,09187,single,,alive\n"
                + "027192000456,,Trần Thị Bình,female,1992-03-02,09187,single,,alive\n"
                + "O27O85OOO789,,Lê Văn Cường,male,1O/O4/1985,09187,single,,alive\n"
                + "027088000321,,Phạm Thị Dung,female,1988-11-30,09187,single,,alive\n")
        let source = try directory.file(
            "source.csv",
            DelimitedInputTests.sourceHeader
                + "S1,birth,2020-01-02,O27O9OOOO123,Nguyễn Văn An,male,15/07/199O,09187\n"
                + "S2,birth,2020-01-02,0271920004,Trần Thị Bình,female,O2/O3/1992,09187\n"
                + "S3,birth,31/02/2020,,Lê Văn Cường,male,31/02/1985,09187\n")
        let (report, collected) = try await Reconciler.runCollecting(
            ReconciliationOptions(register: register, source: source, badRows: .stop, thresholds: Self.handSet))
        #expect(report.registerRows == 4 && report.sourceRows == 3)
        #expect(report.damagedFields == ["source citizen_id": 1, "source date_of_birth": 1, "source event_date": 1], "\(String(describing: report.damagedFields))")
        #expect(report.text.contains("rows kept with a damaged field (read for what could be trusted): source citizen_id 1"))
        let findings = Dictionary(uniqueKeysWithValues: collected.map { ($0.sourceRecordID, $0) })
        #expect(findings["S1"]?.citizenID == "027090000123" && findings["S1"]?.method == .citizenID)
        let second = try #require(findings["S2"])
        #expect(second.citizenID == "027192000456")
        #expect(second.recordedID == "0271920004")
        #expect(second.evidence.contains { $0.contains("'0271920004' cannot be read as an ID") }, "\(second.evidence)")
        #expect(second.discrepancies.contains { $0.field == "citizen_id" && $0.sourceValue == "0271920004" && $0.registerValue == "027192000456" })
        // The register's own damaged ID and date were read; the source's impossible day leaves the year.
        let third = try #require(findings["S3"])
        #expect(third.citizenID == "027085000789")
        #expect(third.discrepancies.contains { $0.field == "date_of_birth" && $0.sourceValue == "31/02/1985" })
    }

    /// A rejected row is a record the run missed: the quality report counts it, so a reader that throws rows away
    /// cannot score better for it.
    @Test func truthRecordsTheRunNeverReadCountAsMissed() async throws {
        let directory = try TemporaryDirectory()
        let truth = try directory.file(
            "truth.csv",
            GroundTruth.header + "S1,027090000123,new_id,consistent_match,,\nS2,027192000456,no_id,consistent_match,,\n"
                + "S3,027085000789,no_id,consistent_match,,\n")
        let results = [EvaluatedResult(kinds: 0, citizenID: 27_090_000_123, automatic: true), EvaluatedResult(kinds: 0, citizenID: 27_085_000_789, automatic: true)]
        let ids = ["S1", "S3"].map(GroundTruth.hash)
        let report = try await GroundTruth.evaluate(truth: truth, results: results, parallelism: 2, recordIDHash: { ids[$0] })
        #expect(report.records == 3 && report.unreadRecords == 1)
        #expect(report.automaticMatches.truePositives == 2 && report.automaticMatches.falseNegatives == 1)
        #expect(report.text.contains("records evaluated: 3 (1 of them unread"))
    }

    /// A lost space leaves a capital inside a word, where Vietnamese words never have one: the name is split there.
    @Test func wordsRunTogetherAreSplitAtTheCapital() {
        func keys(_ text: String) -> NameKeys {
            var folder = NameFolder()
            folder.fold(text)
            return NameKeys(folder)
        }
        #expect(keys("NguyễnThị Uyên") == keys("Nguyễn Thị Uyên"))
        #expect(keys("LêThị Hoa") == keys("Lê Thị Hoa") && keys("ĐỗVăn An") == keys("Đỗ Văn An"))

        #expect(keys("Lê VănVũ") == keys("Lê Văn Vũ"))
        #expect(keys("ĐặngĐức Ánh") == keys("Đặng Đức Ánh"))
        #expect(keys("Nguye\u{302}\u{303}nThị Uyên") == keys("Nguyễn Thị Uyên"))
        // Capitals alone or at the start of words are not boundaries.
        #expect(keys("NGUYỄN THỊ UYÊN") == keys("Nguyễn Thị Uyên") && keys("NGUYỄNTHỊ UYÊN") != keys("Nguyễn Thị Uyên"))
    }
}
