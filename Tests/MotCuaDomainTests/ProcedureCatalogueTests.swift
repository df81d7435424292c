import Foundation
import MotCuaDomain
import Testing

@Suite struct ProcedureCatalogueTests {
    static let agencyIDs: Set<String> = ["so-tu-phap", "bhxh"]

    /// A valid commune-level procedure as a JSON object, for tests to break one rule at a time.
    static func validProcedure(code: String = "1.001193") -> [String: Any] {
        [
            "code": code, "nameVi": "Đăng ký khai sinh", "nameEn": "Birth registration",
            "sector": "civil_status", "sectorNameVi": "Hộ tịch", "sectorNameEn": "Civil status",
            "level": "commune", "onlineLevel": "full", "timeLimit": ["unit": "same_day"],
            "fee": ["amountVND": 0, "noteVi": "Miễn lệ phí", "noteEn": "Free"],
            "legalBasis": ["timeLimit": "Law 60/2014/QH13 art. 16(2)", "fee": "Law 60/2014/QH13 art. 11(1)(b)"],
            "components": [
                ["code": "declaration", "nameVi": "Tờ khai", "nameEn": "Declaration", "required": true],
                [
                "code": "requester_id", "nameVi": "Thẻ căn cước", "nameEn": "ID card", "required": true,
                "registrySource": "population",
            ],
            ],
            "process": zip(ProcessStep.allCases, [0.1, 0.4, 0.2, 0.1, 0.2]).map { step, share in
                ["step": step.rawValue, "role": ProcessStepSpec.expectedRole(for: step).rawValue, "share": share] as [String: Any]
            },
        ]
    }

    static func file(_ procedures: [[String: Any]]) -> Data {
        try! JSONSerialization.data(withJSONObject: ["source": "test", "procedures": procedures])
    }

    @Test func loadsValidFilesSortedByCode() throws {
        var department = Self.validProcedure(code: "BN-BHYT-01")
        department["level"] = "department"
        department["department"] = "bhxh"
        department["sector"] = "health_insurance"
        department["sectorNameVi"] = "Bảo hiểm y tế"
        department["sectorNameEn"] = "Health insurance"
        department["timeLimit"] = ["unit": "working_days", "value": 7]
        let bareArray = try JSONSerialization.data(withJSONObject: [Self.validProcedure(code: "1.000656")])
        let catalogue = try ProcedureCatalogue.load(
            files: [("b.json", Self.file([Self.validProcedure(), department])), ("a.json", bareArray)], agencyIDs: Self.agencyIDs)

        #expect(catalogue.procedures.map(\.code) == ["1.000656", "1.001193", "BN-BHYT-01"])
        let card = try #require(catalogue.procedure(code: "BN-BHYT-01"))
        #expect(card.timeLimit == .workingDays(7) && card.department == "bhxh" && !card.hasNationalCode)
        #expect(catalogue.procedure(code: "1.001193")?.components[1].registrySource == .population)
        #expect(catalogue.procedure(code: "9.999999") == nil)
        #expect(catalogue.sectors == ["civil_status", "health_insurance"])
    }

    @Test func timeLimitRoundTripsThroughItsJSONForm() throws {
        for limit in [TimeLimit.sameDay, .workingDays(3), .workingHours(8), .calendarDays(15)] {
            #expect(try JSONDecoder().decode(TimeLimit.self, from: JSONEncoder().encode(limit)) == limit)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(TimeLimit.workingDays(3)), as: UTF8.self) == #"{"unit":"working_days","value":3}"#)
        #expect(String(decoding: try encoder.encode(TimeLimit.sameDay), as: UTF8.self) == #"{"unit":"same_day"}"#)
    }

    struct BrokenEntry: Sendable, CustomTestStringConvertible {
        let name: String
        let reason: CatalogueError.Reason
        let change: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static let brokenEntries: [BrokenEntry] = [
        BrokenEntry(name: "empty Vietnamese name", reason: .emptyText(field: "nameVi")) { $0["nameVi"] = "  " },
        BrokenEntry(name: "decomposed Vietnamese name", reason: .notNFC(field: "nameVi")) {
            $0["nameVi"] = "Đăng ký khai sinh".decomposedStringWithCanonicalMapping
        },
        BrokenEntry(name: "decomposed component name", reason: .notNFC(field: "components[0].nameVi")) {
            let form = "Tờ khai".decomposedStringWithCanonicalMapping
            $0["components"] = [["code": "declaration", "nameVi": form, "nameEn": "Form", "required": true]]
        },
        BrokenEntry(name: "code not national nor provisional", reason: .invalidCode) { $0["code"] = "1.00119" },
        BrokenEntry(name: "steps out of order", reason: .wrongSteps(found: [.receipt, .approval, .appraisal, .signature, .delivery])) {
            var process = $0["process"] as! [[String: Any]]
            process.swapAt(1, 2)
            $0["process"] = process
        },
        BrokenEntry(name: "a step missing", reason: .wrongSteps(found: [.receipt, .appraisal, .approval, .signature])) {
            $0["process"] = Array(($0["process"] as! [[String: Any]]).prefix(4))
        },
        BrokenEntry(name: "wrong role", reason: .wrongRole(step: .appraisal, expected: .specialist, found: .leader)) {
            var process = $0["process"] as! [[String: Any]]
            process[1]["role"] = "leader"
            $0["process"] = process
        },
        BrokenEntry(name: "shares summing to 0.9", reason: .sharesDoNotSumToOne(sum: 0.1 + 0.3 + 0.2 + 0.1 + 0.2)) {
            var process = $0["process"] as! [[String: Any]]
            process[1]["share"] = 0.3
            $0["process"] = process
        },
        BrokenEntry(name: "zero share", reason: .nonPositiveShare(step: .signature)) {
            var process = $0["process"] as! [[String: Any]]
            process[3]["share"] = 0.0
            process[4]["share"] = 0.3
            $0["process"] = process
        },
        BrokenEntry(name: "unknown department", reason: .unknownDepartment("so-dat-dai")) {
            $0["level"] = "department"
            $0["department"] = "so-dat-dai"
        },
        BrokenEntry(name: "department-level without department", reason: .missingDepartment) { $0["level"] = "department" },
        BrokenEntry(name: "commune-level naming a department", reason: .unexpectedDepartment("so-tu-phap")) { $0["department"] = "so-tu-phap" },
        BrokenEntry(name: "negative fee", reason: .negativeFee(-1000)) { $0["fee"] = ["amountVND": -1000] },
        BrokenEntry(name: "zero time limit", reason: .nonPositiveTimeLimit) { $0["timeLimit"] = ["unit": "working_days", "value": 0] },
        BrokenEntry(name: "duplicate component code", reason: .duplicateComponentCode("declaration")) {
            let form: [String: Any] = ["code": "declaration", "nameVi": "Tờ khai", "nameEn": "Form", "required": true]
            $0["components"] = [form, form]
        },
        BrokenEntry(name: "no components", reason: .noComponents) { $0["components"] = [[String: Any]]() },
        BrokenEntry(name: "sector that is not a key", reason: .invalidSector) { $0["sector"] = "Civil Status" },
        BrokenEntry(name: "no legal basis at all", reason: .missingLegalSource(field: "legalBasis")) { $0["legalBasis"] = nil },
        BrokenEntry(name: "time limit without a source", reason: .missingLegalSource(field: "legalBasis.timeLimit")) {
            $0["legalBasis"] = ["timeLimit": " ", "fee": "Law 60/2014/QH13 art. 11(1)(b)"]
        },
        BrokenEntry(name: "fee without a source", reason: .missingLegalSource(field: "legalBasis.fee")) {
            $0["legalBasis"] = ["timeLimit": "Law 60/2014/QH13 art. 16(2)", "fee": ""]
        },
    ]

    @Test(arguments: brokenEntries)
    func rejectsBrokenEntryNamingFileEntryAndReason(_ broken: BrokenEntry) {
        var procedure = Self.validProcedure()
        broken.change(&procedure)
        let files = [("civil-status.json", Self.file([Self.validProcedure(code: "1.000656"), procedure]))]
        let error = #expect(throws: CatalogueError.self) { try ProcedureCatalogue.load(files: files, agencyIDs: Self.agencyIDs) }
        #expect(error?.reason == broken.reason)
        #expect(error?.file == "civil-status.json")
        #expect(error?.index == 1)
        let code = procedure["code"] as! String
        #expect(error?.description == "civil-status.json: procedures[1] (\(code)): \(broken.reason)")
    }

    @Test func rejectsDuplicateCodeAcrossFilesNamingBothFiles() {
        let files = [
            ("civil-status.json", Self.file([Self.validProcedure()])),
            ("extra.json", Self.file([Self.validProcedure(code: "1.000656"), Self.validProcedure()])),
        ]
        let error = #expect(throws: CatalogueError.self) { try ProcedureCatalogue.load(files: files, agencyIDs: []) }
        #expect(error?.reason == .duplicateCode(firstFile: "civil-status.json"))
        #expect(error?.description == "extra.json: procedures[1] (1.001193): duplicate code, already defined in civil-status.json")
    }

    @Test func rejectsOneSectorWithTwoNames() {
        var renamed = Self.validProcedure(code: "1.000656")
        renamed["sectorNameVi"] = "Tư pháp - Hộ tịch"
        let error = #expect(throws: CatalogueError.self) {
            try ProcedureCatalogue.load(files: [("a.json", Self.file([Self.validProcedure(), renamed]))], agencyIDs: [])
        }
        #expect(error?.reason == .inconsistentSectorName(sector: "civil_status", firstCode: "1.001193"))
    }

    @Test func reportsMalformedEntryWithItsDecodingPathAndCode() {
        var procedure = Self.validProcedure(code: "1.004873")
        procedure["timeLimit"] = ["unit": "working_days", "value": "three"]
        let error = #expect(throws: CatalogueError.self) {
            try ProcedureCatalogue.load(files: [("civil-status.json", Self.file([Self.validProcedure(), procedure]))], agencyIDs: [])
        }
        #expect(error?.index == 1)
        #expect(error?.code == "1.004873")
        guard case .malformedJSON(let path, _) = error?.reason else {
            Issue.record("expected malformed JSON, got \(String(describing: error))")
            return
        }
        #expect(path == "procedures[1].timeLimit.value")
        #expect(error?.description.hasPrefix("civil-status.json: procedures[1] (1.004873): malformed JSON at procedures[1].timeLimit.value") == true)
    }

    @Test func reportsMissingVietnameseNameAsAMissingKey() {
        var procedure = Self.validProcedure()
        procedure["nameVi"] = nil
        let error = #expect(throws: CatalogueError.self) {
            try ProcedureCatalogue.load(files: [("civil-status.json", Self.file([procedure]))], agencyIDs: [])
        }
        #expect(error?.reason == .malformedJSON(path: "procedures[0].nameVi", detail: "required key 'nameVi' is missing"))
        #expect(error?.code == "1.001193")
    }

    @Test(arguments: [
        ("registrySource", "components[0].registrySource"), ("unit", "timeLimit.unit"), ("level", "level"),
    ])
    func reportsUnknownEnumValueWithItsPath(field: String, expectedSuffix: String) {
        var procedure = Self.validProcedure()
        switch field {
        case "registrySource":
            procedure["components"] = [
                ["code": "passport", "nameVi": "Hộ chiếu", "nameEn": "Passport", "required": true, "registrySource": "passport_db"]
            ]
        case "unit": procedure["timeLimit"] = ["unit": "lunar_days", "value": 3]
        default: procedure["level"] = "district"
        }
        let error = #expect(throws: CatalogueError.self) {
            try ProcedureCatalogue.load(files: [("x.json", Self.file([procedure]))], agencyIDs: [])
        }
        guard case .malformedJSON(let path, _) = error?.reason else {
            Issue.record("expected malformed JSON, got \(String(describing: error))")
            return
        }
        #expect(path == "procedures[0]." + expectedSuffix)
        #expect(error?.description.hasPrefix("x.json: procedures[0] (1.001193): ") == true)
    }

    @Test func reportsInvalidJSONSyntaxWithTheFileName() {
        let error = #expect(throws: CatalogueError.self) {
            try ProcedureCatalogue.load(files: [("broken.json", Data(#"{"procedures": [ {"code": "1.001193", } ]"#.utf8))], agencyIDs: [])
        }
        #expect(error?.file == "broken.json")
        #expect(error?.index == nil)
        #expect(error?.description.hasPrefix("broken.json: malformed JSON") == true)
    }
}
