import Foundation
import MotCuaDomain
import Testing

@testable import MotCuaReconciliation

/// Formats that other registers and spreadsheets write, none of them produced by either generator: dates with
/// times, words or no separators, IDs a spreadsheet took for numbers or labelled, Vietnamese status words,
/// commune names in the register. Each is read as what it says; what says nothing usable is unknown, never a guess.
@Suite struct UnseenFormatTests {
    /// A register of three or four people is too small to calibrate on, and its weights mean little (a name without
    /// diacritics weighs against a match when nobody else shares it). These tests are about reading damaged and
    /// oddly written rows, so they fix the thresholds: the best candidate links when it leads by 5 bits.
    static let handSet = MatchThresholds(automatic: 10, review: 0, margin: 5, conflict: 0, posteriorOdds: -10)

    private func date(_ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { PackedDate.parse($0, FieldSlice(start: 0, end: bytes.count, escaped: false)) }
    }

    @Test func datesWithTimesWordsOtherSeparatorsOrNoneAreRead() {
        for text in [
            "1990-07-15", "1990/07/15", "1990.07.15", "15-07-1990", "15.07.1990", "15/07/1990", " 15/7/1990 ",
            "1990-07-15 00:00:00", "1990-07-15T00:00:00Z", "15/07/1990 12:00 AM", "19900715", "15071990",
            "ngày 15 tháng 7 năm 1990", "Ngày 15 Tháng 07 Năm 1990", "NGÀY 15 THÁNG 7 NĂM 1990", "ngay 15 thang 7 nam 1990",
            "sinh ngày 15 tháng 7 năm 1990", "07/15/1990",
        ] {
            #expect(date(text) == 19_900_715, "\(text)")
        }
        // Month and year, or a zero day: the year alone, as the matcher compares it.
        // No-break spaces (C2 A0) from formatted spreadsheet cells are blanks.
        #expect(date("\u{A0}15/07/1990\u{A0}") == 19_900_715 && date("1990-07-15\u{A0}00:00") == 19_900_715)
        #expect(date("ngày\u{A0}15 tháng 7 năm 1990") == 19_900_715)
        for text in ["07/1990", "7/1990", "1990-07", "tháng 7 năm 1990", "00/07/1990", "00/00/1990", "năm 1990", "1990 "] {
            #expect(date(text) == 19_900_000, "\(text)")
        }
        // Nothing to guess from: a two-digit year, an impossible day either way round, stray words or numbers.
        for text in ["15/07/90", "31/02/1990", "13/13/1990", "15/07/1990/1", "15 abc 1990", "12:30", "1990-07-15x", "0715", "19901315"] {
            #expect(date(text) == nil, "\(text)")
        }
        #expect(date("   ") == 0)
    }

    @Test func idsWithSeparatorsApostrophesOrLabelsAreReadAndPlaceholdersAreNoID() throws {
        func digits(_ text: String) throws(FieldError) -> (UInt64, Int) {
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBufferPointer { buffer throws(FieldError) in
                try FieldParsing.digits(buffer, FieldSlice(start: 0, end: bytes.count, escaped: false), field: 0)
            }
        }
        for text in ["027090000123", "027 090 000 123", "027.090.000.123", "027-090-000-123", "'027090000123", "CCCD: 027090000123",
                     "Số 027090000123", "027090000123 ", "027\u{A0}090\u{A0}000\u{A0}123", "CCCD:\u{A0}027090000123"] {
            #expect(try digits(text) == (27_090_000_123, 12), "\(text)")
        }
        for text in ["", "không có", "N/A", "-", "chưa cấp"] {
            #expect(try digits(text).1 == 0, "\(text)")
        }
        for text in ["02709000012A", "CCCD027090000123", "A027090000123", "027090000123 (cũ)"] {
            #expect(throws: FieldError.self, "\(text)") { try digits(text) }
        }
    }

    @Test func statusWordsInVietnameseOrEnglishAreReadAndOthersAreUnknown() {
        func read(_ text: String, _ parse: (UnsafeBufferPointer<UInt8>, FieldSlice, inout NameFolder) -> UInt8) -> UInt8 {
            var folder = NameFolder()
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { parse($0, FieldSlice(start: 0, end: bytes.count, escaped: false), &folder) }
        }
        let sex = { FieldParsing.sex($0, $1, folder: &$2) }
        for text in ["male", "Nam", "NAM", "Nam giới", "Giới tính: Nam", "M", "1", "Ông"] { #expect(read(text, sex) == Code.male, "\(text)") }
        for text in ["female", "Nữ", "NỮ", "Nu\u{031B}\u{0303}", "nu", "Nữ giới", "F", "2", "Bà"] { #expect(read(text, sex) == Code.female, "\(text)") }
        // ISO/IEC 5218's "not known" (0) and "not applicable" (9) stay unknown, as does any other number.
        for text in ["", "Khác", "?", "N", "0", "9", "3", "12"] { #expect(read(text, sex) == 0, "\(text)") }
        let marital = { FieldParsing.maritalStatus($0, $1, folder: &$2) }
        #expect(read("Đã kết hôn", marital) == Code.married && read("married", marital) == Code.married)
        #expect(read("Độc thân", marital) == Code.single && read("Ly hôn", marital) == Code.divorced && read("Góa", marital) == Code.widowed)
        #expect(read("không rõ", marital) == 0)
        let vital = { FieldParsing.vitalStatus($0, $1, folder: &$2) }
        #expect(read("Đã chết", vital) == Code.deceased && read("Còn sống", vital) == Code.alive && read("deceased", vital) == Code.deceased)
        let event = { FieldParsing.eventType($0, $1, folder: &$2) }
        #expect(read("Khai sinh", event) == Code.birth && read("Kết hôn", event) == Code.marriage && read("Khai tử", event) == Code.death)
    }

    /// A register saved from a spreadsheet (IDs without their leading zero, Vietnamese words, commune names) and a
    /// source in formats neither generator writes: every row is read, and each record is linked to its person.
    @Test func aSpreadsheetRegisterAndAnOddlyWrittenSourceAreReadWholeAndLinked() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv",
            DelimitedInputTests.registerHeader
                + "27090000123,12345678,Nguyễn Văn An,Nam,15/07/1990,Phường Kinh Bắc,Đã kết hôn,27192000456,Còn sống\n"
                + "27192000456,,Trần Thị Bình,Nữ,ngày 2 tháng 3 năm 1992,Phường Kinh Bắc,Đã kết hôn,27090000123,Còn sống\n"
                + "27085000789,125000001,Lê Văn Cường,nam,1985,X. Đông Cứu,Độc thân,,Đã chết\n")
        let source = try directory.file(
            "source.csv",
            DelimitedInputTests.sourceHeader
                + "S1,Khai sinh,1990-07-20 00:00:00,CCCD: 027090000123,NGUYỄN VĂN AN,Nam,1990-07-15T00:00:00,09187\n"
                + "S2,Kết hôn,20/05/2016,không có,Tran Thi Binh,Nữ giới,19920302,09187\n"
                + "S3,Khai tử,03/2020,012345678,Nguyễn Văn An,nam,15.07.1990,\n"
                + "S4,Khai tử,2020,125000001,Lê Văn Cường,Khác,1985,\n"
                + "S5,Khai sinh,1990-07-20,0,Nguyễn Văn An,Nam,15/07/1990,09187\n")
        let (report, collected) = try await Reconciler.runCollecting(
            ReconciliationOptions(register: register, source: source, badRows: .stop, thresholds: Self.handSet))
        // "0" for the ID is read as no ID, not as a bad row.
        #expect(report.registerRows == 3 && report.sourceRows == 5)
        let linked = Reconciler.linked(collected)
        #expect(linked["S1"] == "027090000123")
        #expect(linked["S2"] == "027192000456")
        // An 8-digit old ID is the 9-digit 012345678 without its zero, as the register holds it.
        #expect(linked["S3"] == "027090000123")
        #expect(linked["S4"] == "027085000789")
    }

    /// Files whose headers are in Vietnamese, without a mapping: the usual names are recognised and reported;
    /// a mapping that names a column the file lacks is still refused, never replaced by a guess.
    @Test func usualVietnameseHeadersAreRecognisedWithoutAMappingAndReported() async throws {
        #expect(ColumnMapping.headerKey("Số CCCD") == "socccd" && ColumnMapping.headerKey("Ngày_sinh") == "ngaysinh")
        #expect(ColumnMapping.headerKey("Họ và tên") == "hovaten" && ColumnMapping.headerKey("ĐỊA CHỈ") == "diachi")
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv",
            "Số định danh,Họ và tên,Giới tính,Ngày sinh,Mã xã\n027090000123,Nguyễn Văn An,Nam,15/07/1990,09187\n"
                + "027192000456,Trần Thị Bình,Nữ,02/03/1992,09187\n")
        let source = try directory.file(
            "source.csv",
            "STT,Họ tên,Số CCCD,Ngày sinh,Nơi sinh,Ngày tiếp nhận\n1,Nguyễn Văn An,027090000123,15/07/1990,Phường Kinh Bắc,01/12/2026\n"
                + "2,Trần Thị Bình,027192000456,02/03/1992,Kinh Bắc,01/12/2026\n")
        let (report, collected) = try await Reconciler.runCollecting(
            ReconciliationOptions(register: register, source: source))
        #expect(report.registerRows == 2 && report.sourceRows == 2)
        let recognised = try #require(report.recognisedColumns)
        for column in ["register citizen_id ← Số định danh", "register full_name ← Họ và tên", "register commune_code ← Mã xã",
                       "source record_id ← STT", "source citizen_id ← Số CCCD", "source place ← Nơi sinh"] {
            #expect(recognised.contains(column), "\(recognised)")
        }
        // "Ngày tiếp nhận" (the day a dossier was received) is not an event date.
        #expect(!recognised.contains { $0.hasPrefix("source event_date") })
        #expect(report.text.contains("columns recognised by their usual names: register citizen_id ← Số định danh"))
        let linked = Reconciler.linked(collected)
        #expect(linked["1"] == "027090000123" && linked["2"] == "027192000456")
        do {
            _ = try await Reconciler.run(
                ReconciliationOptions(register: register, source: source, sourceMapping: ColumnMapping(columns: ["full_name": "Tên"])))
            Issue.record("a mapping naming a missing column was accepted")
        } catch let error as ReconciliationInputError {
            #expect(error.issue.message.contains("Tên (for full_name)"), "\(error)")
        }
    }

    /// A source whose record-ID column has a name no list knows is not refused: the first free column that reads like
    /// an identifier, else the first free column, identifies the rows, and the report says which.
    @Test func aRecordIDColumnUnderAnyNameIsUsedAndReported() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", "Số định danh,Họ và tên,Ngày sinh\n027090000123,Nguyễn Văn An,15/07/1990\n")
        for (header, expected) in [("Ngày nhập,Mã BN", "Mã BN"), ("Ghi chú,Khóa", "Ghi chú")] {
            let source = try directory.file(
                "source.csv", "\(header),Số CCCD,Họ tên,Ngày sinh\n01/12/2026,R-17,027090000123,Nguyễn Văn An,15/07/1990\n")
            let (report, collected) = try await Reconciler.runCollecting(
                ReconciliationOptions(register: register, source: source, badRows: .stop))
            #expect(report.sourceRows == 1)
            #expect(report.recognisedColumns?.contains { $0.hasPrefix("source record_id ← \(expected) (no column is named") } == true,
                "\(String(describing: report.recognisedColumns))")
            let finding = try #require(collected.first)
            #expect(finding.sourceRecordID == (expected == "Mã BN" ? "R-17" : "01/12/2026") && finding.citizenID == "027090000123")
        }
    }

    /// Land-holder books often never recorded a date of birth: a source without that column is read, every record
    /// without a date, and linked by its IDs (an old ID through the register's crosswalk).
    @Test func aSourceWithoutADateOfBirthColumnIsReadAndLinked() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv",
            DelimitedInputTests.registerHeader + "027090000123,125000001,Nguyễn Văn An,male,1990-07-15,09187,single,,alive\n"
                + "027192000456,,Trần Thị Bình,female,1992-03-02,09187,single,,alive\n")
        let source = try directory.file(
            "source.csv",
            "ma_thua,ho_ten_chu,so_giay_to,dia_chi\n09187-1-12,Nguyễn Văn An,125000001,Phường Kinh Bắc\n"
                + "09187-1-13,Trần Thị Bình,027192000456,Phường Kinh Bắc\n")
        let (report, collected) = try await Reconciler.runCollecting(
            ReconciliationOptions(register: register, source: source, badRows: .stop))
        #expect(report.sourceRows == 2 && report.damagedFields == nil)
        let linked = Reconciler.linked(collected)
        #expect(linked["09187-1-12"] == "027090000123" && linked["09187-1-13"] == "027192000456")
    }

    /// Personnel and insurance lists split the name into the family name (with the middle name) and the given name:
    /// the two are joined, in the register and in the source, and a discrepancy quotes the name as a whole.
    @Test func aNameSplitIntoFamilyAndGivenNameColumnsIsJoined() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv", "Số định danh,Họ và tên đệm,Tên,Ngày sinh\n027090000123,Nguyễn Văn,An,15/07/1990\n027192000456,Trần Thị,Bình,02/03/1992\n")
        let source = try directory.file(
            "source.csv", "Mã hồ sơ,Họ,Tên,Số CCCD,Ngày sinh\nS1,Nguyễn Văn,An,027090000123,15/07/1990\nS2,Trần Thị,Bính,027192000456,02/03/1992\n")
        let (report, collected) = try await Reconciler.runCollecting(ReconciliationOptions(register: register, source: source, badRows: .stop))
        #expect(report.sourceRows == 2)
        let recognised = report.recognisedColumns ?? []
        for column in ["register family_name ← Họ và tên đệm", "register given_name ← Tên", "source family_name ← Họ", "source given_name ← Tên"] {
            #expect(recognised.contains(column), "\(recognised)")
        }
        #expect(Reconciler.linked(collected) == ["S1": "027090000123", "S2": "027192000456"])
        let second = try #require(collected.first { $0.sourceRecordID == "S2" })
        #expect(second.discrepancies.contains(FieldDiscrepancy(field: "full_name", sourceValue: "Trần Thị Bính", registerValue: "Trần Thị Bình")))
        // A file with a whole-name column uses it, even beside a "Tên" column.
        let whole = try directory.file("whole.csv", "Mã hồ sơ,Họ và tên,Tên,Ngày sinh\nS3,Nguyễn Văn An,An,15/07/1990\n")
        let (wholeReport, _) = try await Reconciler.runCollecting(ReconciliationOptions(register: register, source: whole, badRows: .stop))
        #expect(!(wholeReport.recognisedColumns ?? []).contains { $0.hasPrefix("source given_name") })
        // Three columns, "Họ" | "Tên đệm" | "Tên": the middle name is read too.
        let three = try directory.file(
            "three.csv", "Mã hồ sơ,Họ,Tên đệm,Tên,Số CCCD,Ngày sinh\nS4,Nguyễn,Văn,An,027090000123,15/07/1990\nS5,Trần,Thị,Bính,027192000456,02/03/1992\n")
        let (threeReport, threeCollected) = try await Reconciler.runCollecting(ReconciliationOptions(register: register, source: three, badRows: .stop))
        #expect((threeReport.recognisedColumns ?? []).contains("source middle_name ← Tên đệm"), "\(threeReport.recognisedColumns ?? [])")
        let fifth = try #require(threeCollected.first { $0.sourceRecordID == "S5" })
        #expect(fifth.discrepancies.contains(FieldDiscrepancy(field: "full_name", sourceValue: "Trần Thị Bính", registerValue: "Trần Thị Bình")))
        #expect(Reconciler.linked(threeCollected)["S4"] == "027090000123")
    }

    @Test func formsOfAddressSecondHoldersAndAliasesAreNotPartOfTheName() {
        func name(_ text: String) -> String {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { String(decoding: $0[NameField.nameRange($0, 0..<$0.count)], as: UTF8.self) }
        }
        for text in ["Ông Nguyễn Văn An", "ÔNG NGUYỄN VĂN AN", "Hộ ông Nguyễn Văn An", "Hộ gia đình ông Nguyễn Văn An", "Ông/Bà Nguyễn Văn An",
                     "Nguyễn Văn An (Tý)", "Ông Nguyễn Văn An và bà Trần Thị Bình", "Nguyễn Văn An; Trần Thị Bình", "Nguyễn Văn An & Trần Thị Bình",
                     "  Nguyễn Văn An  "] {
            #expect(name(text).lowercased().trimmingCharacters(in: .whitespaces) == "nguyễn văn an", "\(text)")
        }
        // "Surname, given names" keeps the whole name; a comma after a whole name starts a second holder.
        #expect(name("Hoàng, Văn Trọng") == "Hoàng, Văn Trọng")
        #expect(name("Nguyễn Văn An, Trần Thị Bình") == "Nguyễn Văn An")
        // "Ông" is also a surname: kept while fewer than three words would remain. Given names that look alike stay.
        #expect(name("Ông Ích Khiêm") == "Ông Ích Khiêm")
        #expect(name("Bà Hoa") == "Bà Hoa")
        #expect(name("Nguyễn Gia Đình") == "Nguyễn Gia Đình" && name("Hồ Văn Bà") == "Hồ Văn Bà")
    }

    @Test func digitsAScannerReadForLettersInANameAreReadAsThoseLetters() throws {
        func keys(_ text: String) throws -> NameKeys {
            var folder = NameFolder()
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBufferPointer { buffer in
                try RecordDecoding.name(buffer, FieldSlice(start: 0, end: buffer.count, escaped: false), field: 0, folder: &folder)
            }
        }
        for (damaged, clean) in [
            ("N9uyễn Văn H0a", "Nguyễn Văn Hoa"), ("Trần Thị 1an", "Trần Thị Lan"), ("Lê Văn M1nh", "Lê Văn Minh"),
            ("Phạm Thị Ma1", "Phạm Thị Mai"), ("Đỗ 8ình", "Đỗ Bình"), ("Vũ Văn 5ơn", "Vũ Văn Sơn"),
            ("NGÔ CÔNG K1ÊN", "Ngô Công Kiên"), ("H0ÀNG LAN", "Hoàng Lan"), ("NGUYỄN THỊ L0AN", "Nguyễn Thị Loan"), ("Đà0 Thị Hà", "Đào Thị Hà"), ("Nguyễn Minh Bả0", "Nguyễn Minh Bảo"),
        ] {
            #expect(try keys(damaged) == keys(clean), "\(damaged)")
        }
        #expect(try keys("Nguyễn Văn Hoa") != keys("Nguyễn Văn Hòa"))
        // A number of its own is no misread letter.
        #expect(try keys("Nguyễn Văn 5") != keys("Nguyễn Văn S"))
        #expect(try keys("Nguyễn Văn An 1990") != keys("Nguyễn Văn An lggo"))
        let bytes = Array("Nguyễn Văn An".utf8)
        #expect(bytes.withUnsafeBufferPointer { NameField.undoingDigitConfusions($0) } == nil)
    }

    @Test func unicodeSpacesSeparateNameWordsAndZeroWidthCharactersAreIgnored() {
        func keys(_ text: String) -> NameKeys {
            var folder = NameFolder()
            folder.fold(text)
            return NameKeys(folder)
        }
        let plain = keys("Nguyễn Văn An")
        for text in ["Nguyễn\u{A0}Văn\u{A0}An", "Nguyễn\u{2009}Văn\u{3000}An", "Nguy\u{200B}ễn Văn\u{FEFF} An", "\u{FEFF}Nguyễn Văn An"] {
            #expect(keys(text) == plain, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
