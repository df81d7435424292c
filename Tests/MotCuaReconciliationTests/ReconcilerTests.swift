import Foundation
import Testing

@testable import MotCuaReconciliation

/// Hand-made records, one per kind of finding, against a small register.
@Suite struct ReconcilerTests {
    static let register = """
        citizen_id,legacy_id,full_name,sex,date_of_birth,commune_code,marital_status,spouse_id,vital_status
        027090000001,,Nguyễn Văn An,male,1990-01-02,09187,single,,alive
        027190000002,,Trần Thị Bình,female,1990-03-04,09187,married,027090000003,alive
        027090000003,123456789,Lê Văn Cường,male,1990-05-06,09190,married,027190000002,alive
        024085000004,,Hoàng Đức Dũng,male,1985-07-08,07210,single,,alive
        024175000005,,Phạm Thị Hoà,female,1975-09-10,07228,married,,alive
        024060000006,,Đặng Quang Huy,male,1960-11-12,07525,married,,alive
        027000000007,,Bùi Minh Khoa,male,2000-12-25,09169,single,,alive
        027101000008,,Ngô Thị Lan,female,2001-02-14,09253,single,,alive
        027088000009,,Đỗ Văn Mạnh,male,1988-04-30,09265,single,,alive
        027192000010,,Vũ Thị Ngọc,female,1992-06-01,09286,single,,alive

        """

    static let source = """
        record_id,event_type,event_date,citizen_id,full_name,sex,date_of_birth,commune_code
        C1,birth,1990-01-02,027090000001,Nguyễn Văn An,male,1990-01-02,09187
        C2,birth,1990-03-04,027190000002,TRẦN THỊ BÌNH,female,04/03/1990,09187
        C3,birth,1990-05-06,123456789,Le Van Cuong,male,1990-05-06,09190
        C4,marriage,2015-05-01,024085000004,Hoàng Đức Dũng,male,1985-07-08,07210
        C5,death,2024-01-01,,Pham Thi Hoa,female,1975-09-10,07228
        C6,birth,1960-11-12,027088000009,Ðặng Quang Huy,male,1960-11-12,07525
        C7,birth,2000-12-25,,Bùi Minh Khoa,male,2000-12-24,09169
        C8,birth,2000-12-25,,Bùi Minh Khoa,male,2000-12-24,09169
        C9,birth,1985-07-08,,Huỳnh Đức Dũng,male,1985-07-08,07210
        C10,birth,1999-09-09,,Kiều Văn Zô,male,1999-09-09,09999
        C11,birth,1992-06-01,027192000010,Vũ Thị Ngọc,female,1992-01-06,09286

        """

    // Ten people are too few to calibrate on (random pairs often agree by chance), so fix the thresholds.
    static let thresholds = MatchThresholds(automatic: 10, review: 5, margin: 5, conflict: 0)

    private func run() async throws -> [String: ReconciliationFinding] {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", Self.register)
        let source = try directory.file("source.csv", Self.source)
        let collected = FindingCollector()
        _ = try await Reconciler.run(
            ReconciliationOptions(register: register, source: source, thresholds: Self.thresholds),
            findings: { await collected.add($0) })
        return Dictionary(uniqueKeysWithValues: await collected.findings.map { ($0.sourceRecordID, $0) })
    }

    @Test func aRecordAgreeingWithItsIDIsAConsistentMatch() async throws {
        let finding = try #require(try await run()["C1"])
        #expect(finding.kinds == [.consistentMatch])
        #expect(finding.method == .citizenID)
        #expect(finding.citizenID == "027090000001")
        #expect(finding.sourceLine == 2)
    }

    @Test func capitalsAndSlashDatesAreNotDiscrepancies() async throws {
        #expect(try #require(try await run()["C2"]).kinds == [.consistentMatch])
    }

    @Test func anOldIDIsConvertedThroughTheCrosswalkAndMissingDiacriticsAreADiscrepancy() async throws {
        let finding = try #require(try await run()["C3"])
        #expect(Set(finding.kinds) == [.legacyIDConversion, .fieldDiscrepancy])
        #expect(finding.citizenID == "027090000003")
        #expect(finding.discrepancies.map(\.field) == ["full_name"])
        #expect(finding.discrepancies.first?.registerValue == "Lê Văn Cường")
    }

    @Test func aMarriageNotReflectedInTheProfileIsAMissingEvent() async throws {
        let finding = try #require(try await run()["C4"])
        #expect(finding.kinds == [.eventMissingFromRegister])
        #expect(finding.evidence.contains { $0.contains("still single") })
    }

    @Test func aRecordWithoutIDIsMatchedOnNameDateSexAndPlace() async throws {
        let finding = try #require(try await run()["C5"])
        #expect(finding.method == .probabilistic)
        #expect(finding.automatic)
        #expect(finding.citizenID == "024175000005")
        #expect(Set(finding.kinds) == [.fieldDiscrepancy, .eventMissingFromRegister])
        // The evidence names every field's comparison level and weight, in field order.
        let weights = try #require(finding.evidence.first { $0.contains(" bits") })
        let fields = try #require(weights.split(separator: " = ").first).split(separator: ", ")
        #expect(fields.count == 6)
        for (field, name) in zip(fields, ["surname ", "given name ", "middle name ", "date of birth ", "sex ", "commune "]) {
            #expect(field.hasPrefix(name), "\(weights)")
            #expect(field.range(of: #" [+-]\d+\.\d$"#, options: .regularExpression) != nil, "\(weights)")
        }
    }

    @Test func anIDOfAnotherPersonIsFlaggedAndTheRightPersonFound() async throws {
        let finding = try #require(try await run()["C6"])
        #expect(finding.kinds.contains(.idPointsAtAnotherPerson))
        #expect(finding.recordedIDBelongsTo == "027088000009")
        #expect(finding.citizenID == "024060000006")
        #expect(!finding.kinds.contains(.fieldDiscrepancy))
    }

    @Test func theSecondRecordOfTheSameEventIsADuplicateOfTheFirst() async throws {
        let findings = try await run()
        #expect(try #require(findings["C7"]).kinds == [.fieldDiscrepancy])
        let duplicate = try #require(findings["C8"])
        #expect(duplicate.kinds.contains(.duplicateInSource))
        #expect(duplicate.duplicateOf == "C7")
    }

    @Test func hoangAndHuynhAreAtMostAReviewNeverAnAutomaticMatch() async throws {
        let finding = try #require(try await run()["C9"])
        #expect(!finding.automatic)
        #expect(finding.kinds == [.reviewCandidate])
        #expect(finding.citizenID == "024085000004")
        #expect(finding.evidence.contains { $0.contains("regional pair") })
    }

    @Test func aPersonAbsentFromTheRegisterIsNoMatch() async throws {
        let finding = try #require(try await run()["C10"])
        #expect(finding.kinds == [.noMatch])
        #expect(finding.citizenID == nil)
    }

    /// Record IDs and values that need quoting or neutralising: formulas, commas, quotes, an unreadable ID.
    static let hostileSource = #"""
        record_id,event_type,event_date,citizen_id,full_name,sex,date_of_birth,commune_code
        =H1,birth,1990-01-02,027090000001,"Nguyễn Văn ""An""",male,1990-01-02,09187
        "H,2",birth,1990-05-06,123456789,Le Van Cuong,male,1990-05-06,09190
        "H""3",death,2024-01-01,,Pham Thi Hoa,female,1975-09-10,07228
        @H4,birth,1960-11-12,027088000009,Ðặng Quang Huy,male,1960-11-12,07525
        -5,birth,2000-12-25,"02700O0,""07",Bùi Minh Khoa,male,2000-12-24,09169
        +H6,birth,2000-12-25,,Bùi Minh Khoa,male,2000-12-24,09169
        H7,birth,1999-09-09,999999999999,Kiều Văn Zô,male,1999-09-09,09999
        H8,birth,1985-07-08,,Huỳnh Đức Dũng,male,1985-07-08,07210

        """#

    @Test func theByteLevelFindingsFileMatchesTheReferenceEncodingOnCellsThatNeedQuotingOrNeutralising() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", Self.register)
        let source = try directory.file("source.csv", Self.hostileSource)
        // Without a sink the file is written from the builder's byte drafts; with one, from finding values.
        _ = try await Reconciler.run(
            ReconciliationOptions(register: register, source: source, findingsCSV: directory.path("bytes.csv"), thresholds: Self.thresholds))
        let collected = FindingCollector()
        _ = try await Reconciler.run(
            ReconciliationOptions(register: register, source: source, findingsCSV: directory.path("values.csv"), thresholds: Self.thresholds),
            findings: { await collected.add($0) })
        let bytes = try Data(contentsOf: directory.path("bytes.csv"))
        #expect(bytes == (try Data(contentsOf: directory.path("values.csv"))))
        let text = String(decoding: bytes, as: UTF8.self)
        let cells = [
            #"'=H1,"#, #""H,2","#, #""H""3","#, #"'@H4,"#, #"'+H6,"#, "\n-5,",
            #""date_of_birth: 2000-12-24 → 2000-12-25 | citizen_id: 02700O0,""07 → 027000000007""#,
        ]
        for cell in cells {
            #expect(text.contains(cell), "\(cell) in \(text)")
        }
        let findings = Dictionary(uniqueKeysWithValues: await collected.findings.map { ($0.sourceRecordID, $0) })
        #expect(findings.count == 8)
        #expect(try #require(findings["-5"]).recordedID == #"02700O0,"07"#)
        #expect(try #require(findings["H7"]).evidence.contains { $0.contains("999999999999") })
    }

    @Test func aDayMonthSwapIsADiscrepancyWithBothValues() async throws {
        let finding = try #require(try await run()["C11"])
        #expect(finding.kinds == [.fieldDiscrepancy])
        #expect(finding.discrepancies == [FieldDiscrepancy(field: "date_of_birth", sourceValue: "1992-01-06", registerValue: "1992-06-01")])
    }
}

/// Collects findings handed to the sink.
actor FindingCollector {
    var findings: [ReconciliationFinding] = []
    func add(_ batch: [ReconciliationFinding]) { findings.append(contentsOf: batch) }
}

/// Degenerate inputs finish with findings instead of crashing.
@Suite struct EdgeCaseTests {
    @Test func anEmptyRegisterLeavesEveryRecordUnmatched() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", DelimitedInputTests.registerHeader)
        let source = try directory.file("source.csv", DelimitedInputTests.sourceHeader + "R1,birth,1990-01-02,,Nguyễn Văn An,male,1990-01-02,09187\n")
        let report = try await Reconciler.run(ReconciliationOptions(register: register, source: source, findingsCSV: directory.path("f.csv")))
        #expect(report.kindCounts["no_match"] == 1)
    }

    @Test func anEmptySourceWritesOnlyTheHeader() async throws {
        let directory = try TemporaryDirectory()
        let register = try directory.file("register.csv", ReconcilerTests.register)
        let source = try directory.file("source.csv", DelimitedInputTests.sourceHeader)
        _ = try await Reconciler.run(ReconciliationOptions(register: register, source: source, findingsCSV: directory.path("f.csv")))
        #expect(try String(contentsOf: directory.path("f.csv"), encoding: .utf8) == FindingEncoding.csvHeader)
    }
}
