import Foundation
import Testing

@testable import MotCuaReconciliation

/// The engine on data it was not developed on: the independent generator end to end, and hand-made
/// rows in the formats that generator (and real registers) use.
@Suite struct IndependentDataTests {
    static let register = """
        citizen_id,legacy_id,full_name,sex,date_of_birth,commune_code,marital_status,spouse_id,vital_status
        027090000001,,Nguyễn Văn An,male,1990-01-02,09343,single,,alive
        027190000002,,Trần Thị Bình,female,1990-03-04,09187,married,,alive
        024085000004,,Hoàng Đức Dũng,male,1985-07-08,07672,single,,alive

        """

    /// A land-style source: no event columns, a free-text place, Vietnamese headers.
    static let source = """
        ma,thua_dat,so_giay_to,ho_ten,ngay_sinh,noi_sinh
        L1,Thửa 12 tờ 3,27090000001,Nguyễn Văn An,02.01.1990,"X. Tân Chi, H. Tiên Du, T. Bắc Ninh"
        L2,Thửa 40 tờ 7,,NGUYEN VAN AN,2/1/1990,xa tan chi huyen tien du
        L3,Thửa 40 tờ 7,,Nguyễn Văn An,02/01/1990,Xã Tân Chi
        L4,Thửa 5 tờ 1,,Trần Thị Bình,04/03/1990,"Phường Vệ An, TP Bắc Ninh"
        L5,Thửa 9 tờ 2,,Hoàng Đức Dũng,1985,Bệnh viện tỉnh

        """

    static let mapping = ColumnMapping(columns: ["record_id": "ma", "citizen_id": "so_giay_to", "full_name": "ho_ten", "date_of_birth": "ngay_sinh", "place": "noi_sinh"])

    private func run() async throws -> [String: ReconciliationFinding] {
        let directory = try TemporaryDirectory()
        let collected = FindingCollector()
        _ = try await Reconciler.run(
            ReconciliationOptions(
                register: try directory.file("register.csv", Self.register), source: try directory.file("source.csv", Self.source),
                sourceMapping: Self.mapping, thresholds: MatchThresholds(automatic: 10, review: 5, margin: 5, conflict: 0)),
            findings: { await collected.add($0) })
        return Dictionary(uniqueKeysWithValues: await collected.findings.map { ($0.sourceRecordID, $0) })
    }

    @Test("an ID that lost its leading zero, a DD.MM.YYYY date and a free-text place of birth still make a consistent match")
    func spreadsheetFormats() async throws {
        let finding = try #require(try await run()["L1"])
        #expect(finding.method == .citizenID)
        #expect(finding.citizenID == "027090000001")
        #expect(finding.kinds == [.consistentMatch])
    }

    @Test("several records of one person about different parcels are not duplicates; the same parcel entered twice is")
    func severalRecordsOfOnePerson() async throws {
        let findings = try await run()
        #expect(try #require(findings["L1"]).duplicateOf == nil)
        #expect(try #require(findings["L2"]).duplicateOf == nil)
        #expect(try #require(findings["L2"]).citizenID == "027090000001")
        let repeated = try #require(findings["L3"])
        #expect(repeated.kinds.contains(.duplicateInSource))
        #expect(repeated.duplicateOf == "L2")
    }

    @Test("a place that cannot be resolved is unknown: neither evidence for nor against")
    func unresolvedPlaceIsUnknown() async throws {
        let findings = try await run()
        let dung = try #require(findings["L5"])
        #expect(dung.citizenID == "024085000004")
        #expect(!dung.evidence.joined().contains("commune disagree"))
        #expect(try #require(findings["L4"]).evidence.joined().contains("commune agree"))
    }

    @Test("the independent generator makes the same files from the same seed")
    func reproducible() throws {
        let directory = try TemporaryDirectory()
        func generate(_ name: String) throws -> SyntheticDataset {
            let folder = directory.path(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try IndependentGenerator.generate(SyntheticOptions(people: 2_000, records: 1_500, seed: 11, directory: folder))
        }
        let first = try generate("a")
        let second = try generate("b")
        for keyPath in [\SyntheticDataset.register, \.source, \.truth] {
            #expect(try Data(contentsOf: first[keyPath: keyPath]) == Data(contentsOf: second[keyPath: keyPath]))
        }
        #expect(FileManager.default.fileExists(atPath: directory.path("a/source-mapping.json").path))
    }

    @Test("on 20,000 people and 15,000 records of the independent generator, automatic links are precise and recall holds without IDs")
    func independentProvinceSample() async throws {
        let directory = try TemporaryDirectory()
        let dataset = try IndependentGenerator.generate(SyntheticOptions(people: 20_000, records: 15_000, seed: 2027, directory: directory.url))
        let report = try await Reconciler.run(
            ReconciliationOptions(
                register: dataset.register, source: dataset.source, sourceMapping: IndependentGenerator.mapping, groundTruth: dataset.truth))
        #expect(report.rejectedSourceRows == 0)
        let quality = try #require(report.quality)
        #expect(quality.records == 15_000)
        #expect(quality.automaticMatches.precision >= 0.999)
        #expect(quality.automaticMatches.recall >= 0.985)
        #expect(try #require(quality.automaticMatchesBySituation["no_id"]).recall >= 0.95)
        // Candidate generation finds the person at least as often as the decision links them.
        let noID = try #require(quality.bySituation["no_id"])
        #expect(noID.inRegister > 0 && noID.candidateRate >= noID.automatic.recall)
        #expect(try #require(quality.byError["clean"]).automatic.recall >= 0.998)
        #expect(try #require(quality.byError["place_before_merger"]).automatic.recall >= 0.98)
        #expect(try #require(quality.kinds["duplicate_in_source"]).precision >= 0.9)
        // A year-only date has its own calibrated threshold, and its links stay precise.
        let byPattern = try #require(report.thresholds.automaticByPattern)
        #expect(byPattern[0] != nil && byPattern[2] != nil)
        let yearOnly = try #require(quality.byError["birth_year_only"])
        #expect(yearOnly.automatic.precision >= 0.99)
        #expect(yearOnly.automatic.recall >= 0.8)
        // An ID with one digit mistyped is weighed as such: learnt from the records the other fields link.
        let typos = try #require(report.idTypos?.first { $0.kind == "citizen ID, one keystroke" })
        #expect(typos.m >= 0.8 && typos.u < 0.01 && typos.agreement >= 8)
        let mistyped = try #require(quality.byError["id_digit_typo"])
        #expect(mistyped.inRegister > 0 && mistyped.automatic.recall >= 0.99 && mistyped.automatic.precision >= 0.999)
    }

    /// The CSV text with the cells of one column emptied (quoted cells with commas kept whole).
    static func blankingColumn(_ text: String, named column: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        func cells(_ line: String) -> [String] {
            var cells: [String] = []
            var cell = ""
            var quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() }
                if character == "," && !quoted {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(character)
                }
            }
            return cells + [cell]
        }
        let index = try #require(cells(lines[0]).firstIndex(of: column))
        for row in 1..<lines.count {
            var fields = cells(lines[row])
            fields[index] = ""
            lines[row] = fields.joined(separator: ",")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a source that never recorded an ID is decided per record at the target precision's odds, not sent to review")
    func sourceWithoutAnyID() async throws {
        let directory = try TemporaryDirectory()
        let dataset = try IndependentGenerator.generate(SyntheticOptions(people: 20_000, records: 15_000, seed: 2027, directory: directory.url))
        let idColumn = try #require(IndependentGenerator.mapping.columns["citizen_id"])
        let source = try directory.file(
            "no-id.csv", try Self.blankingColumn(String(contentsOf: dataset.source, encoding: .utf8), named: idColumn))
        let report = try await Reconciler.run(
            ReconciliationOptions(register: dataset.register, source: source, sourceMapping: IndependentGenerator.mapping, groundTruth: dataset.truth))
        // No record to validate on: each is decided by its posterior under the model EM learnt, at 0.999's odds.
        let odds = try #require(report.thresholds.posteriorOdds)
        #expect(abs(odds - 9.965) < 0.01)
        let quality = try #require(report.quality)
        #expect(quality.records == 15_000)
        #expect(quality.automaticMatches.precision >= 0.999)
        #expect(quality.automaticMatches.recall >= 0.9)
    }
}
