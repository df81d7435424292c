import Foundation
import Testing

@testable import MotCuaReconciliation

/// The CSV reader: RFC 4180 quoting, encodings, column mapping and the bad-row policies.
@Suite struct DelimitedInputTests {
    static let registerHeader = "citizen_id,legacy_id,full_name,sex,date_of_birth,commune_code,marital_status,spouse_id,vital_status\n"
    static let sourceHeader = "record_id,event_type,event_date,citizen_id,full_name,sex,date_of_birth,commune_code\n"

    private func fields(_ line: String, delimiter: Character = ",") throws -> [String] {
        let bytes = Array(line.utf8)
        var slices: [FieldSlice] = []
        return try bytes.withUnsafeBufferPointer { buffer in
            _ = try CSVRowParser.parseRow(buffer, from: 0, delimiter: delimiter.asciiValue!, into: &slices)
            return slices.map { String(decoding: $0.value(in: buffer), as: UTF8.self) }
        }
    }

    @Test func quotedFieldsMayHoldDelimitersDoubledQuotesAndLineBreaks() throws {
        #expect(try fields("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n") == ["a", "b,c", "say \"hi\"", "two\nlines", ""])
        #expect(try fields("x;y;;z", delimiter: ";") == ["x", "y", "", "z"])
    }

    @Test func brokenQuotingIsASyntaxErrorAtItsPosition() {
        #expect(throws: CSVSyntaxError.self) { try fields("a,b\"c,d\n") }
        #expect(throws: CSVSyntaxError.self) { try fields("a,\"never closed\n") }
        #expect(throws: CSVSyntaxError.self) { try fields("a,\"closed\"junk\n") }
    }

    @Test func datesAcceptIsoSlashAndYearOnlyAndRejectImpossibleDays() {
        func parse(_ text: String) -> Int32? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { PackedDate.parse($0, FieldSlice(start: 0, end: bytes.count, escaped: false)) }
        }
        #expect(parse("1990-07-15") == 19_900_715)
        #expect(parse("15/07/1990") == 19_900_715)
        #expect(parse("5/7/1990") == 19_900_705)
        #expect(parse("1990") == 19_900_000)
        #expect(parse("") == 0)
        #expect(parse("2001-02-29") == nil)
        #expect(parse("2000-02-29") == 20_000_229)
        #expect(parse("1990-13-01") == nil)
        #expect(parse("abc") == nil)
    }

    @Test func dayNumbersRoundTripAcrossMonthAndYearEnds() {
        for date: Int32 in [19_991_231, 20_000_101, 20_000_229, 20_240_301, 19_700_101] {
            #expect(PackedDate.fromDayNumber(PackedDate.dayNumber(date)) == date)
        }
        #expect(PackedDate.dayNumber(20_000_101) - PackedDate.dayNumber(19_991_231) == 1)
    }

    @Test func aByteOrderMarkIsSkippedAndBrokenUTF16IsRejectedByName() throws {
        let directory = try TemporaryDirectory()
        let withBOM = try directory.file("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("record_id,full_name\n1,An\n".utf8))
        let file = try DelimitedFile(url: withBOM, delimiter: UInt8(ascii: ","))
        #expect(file.header == ["record_id", "full_name"])
        let utf16 = try directory.file("utf16.csv", bytes: [0xFF, 0xFE, 0x41, 0x00, 0x42])
        #expect(throws: ReconciliationInputError.self) { try DelimitedFile(url: utf16, delimiter: UInt8(ascii: ",")) }
    }

    /// Excel for Mac's "CSV (Macintosh)" ends lines with a carriage return alone: rows and their line numbers are read
    /// as in any other file.
    @Test func linesEndingInACarriageReturnAloneAreCountedAsLines() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", Self.registerHeader + "027090000123,,Nguyễn Văn An,male,1990-07-15,09187,single,,alive\n")
        let source = try directory.file(
            "source.csv", bytes: Array("record_id,citizen_id,full_name,date_of_birth\rS1,,Trần Thị Bình,1992\rS2,027090000123,Nguyễn Văn An,15/07/1990\r".utf8))
        let (_, collected) = try await Reconciler.runCollecting(ReconciliationOptions(register: register, source: source, badRows: .stop))
        let lines = Dictionary(uniqueKeysWithValues: collected.map { ($0.sourceRecordID, $0.sourceLine) })
        #expect(lines == ["S1": 2, "S2": 3])
        #expect(DelimitedFile.withLineFeeds(Array("a\r\nb\r".utf8)) == Array("a\r\nb\r".utf8))
    }

    @Test func reSplittingAnAcceptedRowGivesItsFieldsUpToTheLimit() throws {
        let row = Array("R1,\"Lê, \"\"Hoa\"\"\",\"Thôn 3,\nYên Phong\",Bắc Ninh,\nR2,x\n".utf8)
        var all: [FieldSlice] = []
        var some: [FieldSlice] = []
        try row.withUnsafeBufferPointer { buffer in
            _ = try CSVRowParser.parseRow(buffer, from: 0, delimiter: UInt8(ascii: ","), into: &all)
            #expect(all.count == 5)
            for limit in [1, 2, 3, 4, 5, 6, .max] {
                CSVRowParser.splitAccepted(buffer, from: 0, delimiter: UInt8(ascii: ","), into: &some, fieldLimit: limit)
                let expected = all.prefix(limit).map { [$0.start, $0.end, $0.escaped ? 1 : 0] }
                #expect(some.map { [$0.start, $0.end, $0.escaped ? 1 : 0] } == expected, "limit \(limit)")
            }
        }
    }

    @Test func parallelChunksOfAQuotedFileStartAtTheFirstRowAfterEachCut() throws {
        // Rows whose quoted fields hold commas, doubled quotes and line breaks, and plain rows between them.
        var generator = SplitMix64(seed: 42)
        var text = "record_id,full_name,place\n"
        for row in 0..<6_000 {
            switch generator.next() % 4 {
            case 0: text += "R\(row),\"Lê, Thị \"\"Hoa\"\"\",\"Thôn 3,\nxã Yên Phong\"\n"
            case 1: text += "R\(row),\"\"\"\",\"\n\n\"\n"
            default: text += "R\(row),Nguyễn Văn An,Bắc Ninh\n"
            }
        }
        let directory = try TemporaryDirectory()
        let file = try DelimitedFile(url: try directory.file("quoted.csv", text), delimiter: UInt8(ascii: ","))
        #expect(file.hasQuotes)
        // Every row start, by the row parser.
        var starts: [Int] = []
        var fields: [FieldSlice] = []
        try file.bytes.withUnsafeBufferPointer { buffer in
            var position = file.dataStart
            while position < buffer.count {
                starts.append(position)
                position = try CSVRowParser.parseRow(buffer, from: position, delimiter: file.delimiter, into: &fields)
            }
        }
        #expect(starts.count == 6_000)
        for count in [2, 8, 33] {
            let chunks = file.chunks(count: count)
            let total = file.bytes.count - file.dataStart
            // The first row start after each of the evenly spaced targets, once each.
            var expected = [file.dataStart]
            for part in 1..<count {
                let target = file.dataStart + total * part / count
                if let cut = starts.first(where: { $0 > target && $0 > expected.last! }) { expected.append(cut) }
            }
            #expect(chunks.map(\.lowerBound) == expected, "\(count) parts")
            #expect(chunks.last?.upperBound == file.bytes.count)
            #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
    }

    @Test func anExcelSepLineNamesTheDelimiterAndTheHeaderFollowsIt() throws {
        let directory = try TemporaryDirectory()
        for (name, text) in [("a.csv", "sep=;\nrecord_id;full_name\n1;An, Bình\n"), ("b.csv", "\"sep=|\"\r\nrecord_id|full_name\r\n1|An\r\n")] {
            let url = try directory.file(name, bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
            let delimiter = ColumnMapping.sniffDelimiter(url)
            let file = try DelimitedFile(url: url, delimiter: delimiter)
            #expect(file.header == ["record_id", "full_name"], "\(name)")
            #expect(file.lineNumber(at: file.dataStart) == 3, "\(name)")
        }
        #expect(DelimitedFile.separatorHint(Array("sep=;x\n".utf8)[...]) == nil)
        #expect(DelimitedFile.separatorHint(Array("septum,a\n".utf8)[...]) == nil)
    }

    @Test func aSemicolonOrTabFileWithoutAMappingIsReadWithItsDelimiter() async throws {
        let directory = try TemporaryDirectory()
        let row = "027090000001,,Nguyễn Văn An,male,1990-01-02,09187,single,,alive\n"
        for delimiter in [";", "\t"] {
            let register = try directory.file(
                "register\(delimiter == ";" ? "s" : "t").csv",
                (Self.registerHeader + row).replacingOccurrences(of: ",", with: delimiter))
            let source = try directory.file("source.csv", Self.sourceHeader + "R1,birth,1990-01-02,027090000001,Nguyễn Văn An,male,1990-01-02,09187\n")
            let report = try await Reconciler.run(ReconciliationOptions(register: register, source: source))
            #expect(report.registerRows == 1 && report.sourceRows == 1)
        }
    }

    @Test func aWrongDelimiterIsDiagnosedFromTheHeader() async throws {
        let directory = try TemporaryDirectory()
        // The mapping says comma; the header splits on semicolons.
        let register = try directory.file("register.csv", Self.registerHeader.replacingOccurrences(of: ",", with: ";"))
        let source = try directory.file("source.csv", Self.sourceHeader)
        do {
            _ = try await Reconciler.run(ReconciliationOptions(register: register, registerMapping: ColumnMapping(delimiter: ","), source: source))
            Issue.record("expected an error")
        } catch let error as ReconciliationInputError {
            #expect(error.issue.line == 1)
            #expect(error.issue.message.contains("set the delimiter to ';'"))
        }
    }

    @Test func aMappingFileRenamesColumnsAndSetsTheDelimiter() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file(
            "register.csv", "SoDinhDanh;HoTen;NgaySinh;GioiTinh\n027090000001;Nguyễn Văn An;1990-01-02;Nam\n")
        let mapping = try directory.file(
            "mapping.json", #"{"delimiter": ";", "columns": {"citizen_id": "SoDinhDanh", "full_name": "HoTen", "date_of_birth": "NgaySinh", "sex": "GioiTinh"}}"#)
        let source = try directory.file("source.csv", Self.sourceHeader + "R1,birth,1990-01-02,027090000001,Nguyễn Văn An,male,1990-01-02,\n")
        let findings = directory.path("findings.csv")
        let report = try await Reconciler.run(
            ReconciliationOptions(
                register: register, registerMapping: try ColumnMapping.load(from: mapping), source: source, findingsCSV: findings))
        #expect(report.registerRows == 1)
        #expect(report.methodCounts["citizen_id"] == 1)
    }

    @Test func aMissingColumnIsNamed() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", "citizen_id,full_name\n")
        let source = try directory.file("source.csv", Self.sourceHeader)
        do {
            _ = try await Reconciler.run(ReconciliationOptions(register: register, source: source))
            Issue.record("expected an error")
        } catch let error as ReconciliationInputError {
            #expect(error.issue.message.contains("date_of_birth"))
            #expect(error.issue.file == register.path)
        }
    }

    /// A register with one good row, and a source whose lines 3–6 are each bad in one way (a damaged ID or date
    /// is not: those rows are kept, see `UnseenFormatTests`). The broken quote comes last: an unclosed quote
    /// legitimately runs on to the end of the file.
    private func badInput(_ directory: TemporaryDirectory) throws -> (URL, URL) {
        let register = try directory.file(
            "register.csv", Self.registerHeader + "027090000001,,Nguyễn Văn An,male,1990-01-02,09187,single,,alive\n")
        let source = try directory.file(
            "source.csv",
            Self.sourceHeader + "R1,birth,1990-01-02,027090000001,Nguyễn Văn An,male,1990-01-02,09187\n"
                + ",birth,1990-01-02,027090000001,Nguyễn Văn An,male,1990-01-02,09187\n"
                + "R3,birth,1990-02-03,,Nguyễn Văn An,male\n"
                + "R4,birth,1990-01-02,,Nguy\u{FFFD}n,male,1990-01-02,09187\n"
                + "R5,birth,1990-01-02,,\"Nguyễn Văn An,male,1990-01-02,09187\n")
        // Replace the U+FFFD in R4 by a lone Windows-1258 byte: the file is then not valid UTF-8.
        var bytes = Array(try Data(contentsOf: source))
        if let index = bytes.firstIndex(of: 0xEF), bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD {
            bytes.replaceSubrange(index..<(index + 3), with: [0xEA])
        }
        try Data(bytes).write(to: source)
        return (register, source)
    }

    @Test func theStopPolicyNamesFileLineAndColumnAndWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        let (register, source) = try badInput(directory)
        let findings = directory.path("findings.csv")
        do {
            _ = try await Reconciler.run(ReconciliationOptions(register: register, source: source, findingsCSV: findings, badRows: .stop))
            Issue.record("expected an error")
        } catch let error as ReconciliationInputError {
            #expect(error.issue.file == source.path)
            #expect(error.issue.line == 3)
            #expect(error.issue.column == 1)
            #expect(error.issue.columnName == "record_id")
            #expect(error.issue.message.contains("record ID is empty"))
        }
        #expect(!FileManager.default.fileExists(atPath: findings.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).allSatisfy { !$0.contains("partial") })
    }

    @Test func theRejectPolicySkipsBadRowsIntoARejectsFileWithTheirLocation() async throws {
        let directory = try TemporaryDirectory()
        let (register, source) = try badInput(directory)
        let findings = directory.path("findings.csv")
        let rejects = directory.path("rejects.csv")
        let report = try await Reconciler.run(
            ReconciliationOptions(register: register, source: source, findingsCSV: findings, badRows: .reject(to: rejects)))
        #expect(report.sourceRows == 1)
        #expect(report.rejectedSourceRows == 4)
        let lines = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        try #require(lines.count == 5)
        #expect(lines[1].contains(",3,1,record_id,"))
        #expect(lines[2].contains(",4,,,") && lines[2].contains("expected 8 fields, found 6"))
        #expect(lines[3].contains(",5,5,full_name,") && lines[3].contains("UTF-8"))
        #expect(lines[4].contains(",6,5,full_name,") && lines[4].contains("never closed"))
        #expect(try String(contentsOf: findings, encoding: .utf8).split(separator: "\n").count == 2)
    }
}
