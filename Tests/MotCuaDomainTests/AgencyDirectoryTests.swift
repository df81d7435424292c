import Foundation
import MotCuaDomain
import Testing

@Suite struct AgencyDirectoryTests {
    static func agency(
        _ id: String, _ identifier: String, kind: String = "department", nameVi: String = "Sở Tư pháp", code: String? = nil
    ) -> [String: Any] {
        var object: [String: Any] = ["id": id, "identifier": identifier, "kind": kind, "nameVi": nameVi, "nameEn": "Agency"]
        if let code { object["administrativeCode"] = code }
        return object
    }

    static var province: [String: Any] {
        agency("ubnd-tinh", "000.00.00.H10", kind: "provincial_committee", nameVi: "Ủy ban nhân dân tỉnh Bắc Ninh")
    }

    static func file(_ agencies: [[String: Any]], level1Code: String = "H10") -> Data {
        try! JSONSerialization.data(withJSONObject: ["note": "test", "level1Code": level1Code, "agencies": [province] + agencies])
    }

    @Test func loadsAgenciesAndFindsThemByID() throws {
        let directory = try AgencyDirectory.load(
            Self.file([
                Self.agency("so-tu-phap", "000.00.02.H10"),
                Self.agency("xa-07663", "000.43.99.H10", kind: "commune", nameVi: "Xã Tuấn Đạo", code: "07663"),
            ]),
            source: "agencies.json")
        #expect(directory.agencies.count == 3)
        #expect(directory.agency(id: "xa-07663")?.administrativeCode == "07663")
        #expect(directory.communes.map(\.id) == ["xa-07663"])
        #expect(directory.ids == ["ubnd-tinh", "so-tu-phap", "xa-07663"])
    }

    struct BrokenAgency: Sendable, CustomTestStringConvertible {
        let name: String
        let agencies: @Sendable () -> [[String: Any]]
        let reason: AgencyDirectory.LoadError.Reason
        var testDescription: String { name }
    }

    static let brokenAgencies: [BrokenAgency] = [
        BrokenAgency(
            name: "duplicate id", agencies: { [agency("so-tu-phap", "000.00.02.H10"), agency("so-tu-phap", "000.00.03.H10")] },
            reason: .duplicateID),
        BrokenAgency(
            name: "duplicate identifier", agencies: { [agency("so-tu-phap", "000.00.02.H10"), agency("so-y-te", "000.00.02.H10")] },
            reason: .duplicateIdentifier("000.00.02.H10")),
        BrokenAgency(
            name: "identifier longer than 35 characters", agencies: { [agency("so-y-te", "000.00.02.H10.0000000000000000000000")] },
            reason: .invalidIdentifier("000.00.02.H10.0000000000000000000000")),
        BrokenAgency(name: "lower-case identifier", agencies: { [agency("so-y-te", "000.00.02.h10")] }, reason: .invalidIdentifier("000.00.02.h10")),
        BrokenAgency(
            name: "identifier of another province", agencies: { [agency("so-y-te", "000.00.02.H49")] },
            reason: .identifierWithoutLevel1Code("000.00.02.H49")),
        BrokenAgency(
            name: "commune without code", agencies: { [agency("xa-07663", "000.01.99.H10", kind: "commune")] },
            reason: .missingAdministrativeCode),
        BrokenAgency(
            name: "commune with a 4-digit code", agencies: { [agency("xa-7663", "000.01.99.H10", kind: "commune", code: "7663")] },
            reason: .invalidAdministrativeCode("7663")),
        BrokenAgency(
            name: "commune id not matching its code", agencies: { [agency("xa-tuan-dao", "000.01.99.H10", kind: "commune", code: "07663")] },
            reason: .communeIDMismatch(expected: "xa-07663")),
        BrokenAgency(
            name: "commune reusing another commune's code",
            agencies: {
                [
                    agency("xa-07663", "000.01.99.H10", kind: "commune", code: "07663"),
                    agency("xa-07664", "000.02.99.H10", kind: "commune", code: "07663"),
                ]
            }, reason: .communeIDMismatch(expected: "xa-07663")),
        BrokenAgency(
            name: "commune listed twice",
            agencies: {
                [
                    agency("xa-07663", "000.01.99.H10", kind: "commune", code: "07663"),
                    agency("xa-07663", "000.02.99.H10", kind: "commune", code: "07663"),
                ]
            }, reason: .duplicateID),
        BrokenAgency(
            name: "decomposed name",
            agencies: { [agency("so-y-te", "000.00.02.H10", nameVi: "Sở Y tế".decomposedStringWithCanonicalMapping)] },
            reason: .notNFC(field: "nameVi")),
        BrokenAgency(name: "blank name", agencies: { [agency("so-y-te", "000.00.02.H10", nameVi: "")] }, reason: .emptyName(field: "nameVi")),
        BrokenAgency(
            name: "code on a department", agencies: { [agency("so-y-te", "000.00.02.H10", code: "07663")] },
            reason: .administrativeCodeOnNonCommune),
    ]

    @Test(arguments: brokenAgencies)
    func rejectsBrokenAgencyNamingFileEntryAndReason(_ broken: BrokenAgency) {
        let agencies = broken.agencies()
        let error = #expect(throws: AgencyDirectory.LoadError.self) {
            try AgencyDirectory.load(Self.file(agencies), source: "agencies.json")
        }
        #expect(error?.reason == broken.reason)
        guard let index = error?.index else {
            Issue.record("the error should name the entry: \(String(describing: error))")
            return
        }
        let id = ([Self.province] + agencies)[index]["id"] as? String ?? "?"
        #expect(error?.description == "agencies.json: agencies[\(index)] (\(id)): \(broken.reason)")
    }

    @Test func rejectsInvalidLevel1Code() {
        let error = #expect(throws: AgencyDirectory.LoadError.self) {
            try AgencyDirectory.load(Self.file([], level1Code: "Z10"), source: "a.json")
        }
        #expect(error?.reason == .invalidLevel1Code("Z10"))
    }

    @Test func requiresExactlyOneProvincialCommittee() {
        let second = Self.agency("ubnd-tinh-2", "000.00.09.H10", kind: "provincial_committee")
        let error = #expect(throws: AgencyDirectory.LoadError.self) { try AgencyDirectory.load(Self.file([second]), source: "a.json") }
        #expect(error?.reason == .provincialCommitteeCount(2))
    }

    @Test func reportsUnknownKindWithItsEntryAndPath() {
        let error = #expect(throws: AgencyDirectory.LoadError.self) {
            try AgencyDirectory.load(Self.file([Self.agency("huyen-yen-dung", "000.00.02.H10", kind: "district")]), source: "agencies.json")
        }
        #expect(error?.index == 1)
        guard case .malformedJSON(let path, _) = error?.reason else {
            Issue.record("expected malformed JSON, got \(String(describing: error))")
            return
        }
        #expect(path == "agencies[1].kind")
    }
}
