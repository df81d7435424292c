import Foundation
import MotCuaDomain
import Testing

/// The legal fields of result types: the bundled file loads, values are checked at the edge of the domain,
/// and validity periods end on the right day.
@Suite("Result types and their legal fields")
struct ResultTypeSpecTests {
    static func bundled() throws -> ResultTypeCatalogue {
        try ResultTypeCatalogue.load(try Data(contentsOf: ReferenceResources.root.appendingPathComponent("results/result-types.json")))
    }

    @Test("Every result type has its legal fields declared, with a legal basis and a holder field")
    func bundledFileDeclaresEveryType() throws {
        let catalogue = try Self.bundled()
        for type in ResultType.allCases {
            let spec = try #require(catalogue.spec(type), "\(type.rawValue)")
            #expect(!spec.legalBasis.isEmpty && spec.fields.contains { $0.key == spec.holderField })
        }
        // A marital-status certificate is valid for six months (Decree 123/2015 art. 23; Circular 04/2020 art. 12(2)).
        #expect(catalogue.spec(.maritalStatusCertificate)?.validityMonths == 6)
    }

    @Test("Six months from the day of issue ends the day before the same date, or at the end of a shorter month")
    func validityEndsOnTheRightDay() throws {
        let spec = try #require(try Self.bundled().spec(.maritalStatusCertificate))
        #expect(spec.validUntil(issuedOn: LocalDate(year: 2026, month: 2, day: 3)!) == LocalDate(year: 2026, month: 8, day: 2))
        #expect(spec.validUntil(issuedOn: LocalDate(year: 2026, month: 8, day: 31)!) == LocalDate(year: 2027, month: 2, day: 27))
        #expect(spec.validUntil(issuedOn: LocalDate(year: 2027, month: 8, day: 31)!) == LocalDate(year: 2028, month: 2, day: 28))
        #expect(try Self.bundled().spec(.birthCertificateExtract)?.validUntil(issuedOn: LocalDate(year: 2026, month: 1, day: 1)!) == nil)
        #expect(spec.registerBook(for: LocalDate(year: 2026, month: 12, day: 7)!) == "XNTTHN/2026")
    }

    @Test("Submitted values: unknown keys, missing required fields, control characters and overlong values are refused; text is NFC")
    func valuesAreChecked() throws {
        let spec = try #require(try Self.bundled().spec(.birthCertificateExtract))
        var values = ["fullName": "Nguyễn Minh Khôi", "dateOfBirth": "2026-11-20", "sex": "Nam", "placeOfBirth": "Bắc Ninh",
                      "ethnicity": "Kinh", "nationality": "Việt Nam", "requesterName": "Nguyễn Văn An"]
        #expect(try spec.validated(values)["fullName"] == "Nguyễn Minh Khôi")
        let decomposed = "Nguye\u{0302}\u{0303}n Minh Kho\u{0302}i"
        values["fullName"] = decomposed
        #expect(try spec.validated(values)["fullName"] == "Nguyễn Minh Khôi")
        #expect(throws: ResultRecordError(.unknownField("bogus"))) { try spec.validated(values.merging(["bogus": "x"]) { $1 }) }
        #expect(throws: ResultRecordError(.emptyField("fields.sex"))) { try spec.validated(values.merging(["sex": "  "]) { $1 }) }
        #expect(throws: ResultRecordError(.controlCharacters("ethnicity"))) { try spec.validated(values.merging(["ethnicity": "Ki\u{7}nh"]) { $1 }) }
        #expect(throws: ResultRecordError(.fieldTooLong("placeOfBirth", 500))) {
            try spec.validated(values.merging(["placeOfBirth": String(repeating: "a", count: 501)]) { $1 })
        }
    }

    @Test("A marriage certificate's two IDs must be citizen IDs and differ, as the population update needs; bidirectional overrides are refused")
    func marriageIDsAreChecked() throws {
        let spec = try #require(try Self.bundled().spec(.marriageCertificate))
        let values = ["wifeName": "Trần Thị Bình", "wifeDateOfBirth": "1994-03-02", "wifeID": "027194000456",
                      "husbandName": "Nguyễn Văn An", "husbandDateOfBirth": "1992-05-01", "husbandID": "027092000123"]
        #expect(try spec.validated(values)["husbandID"] == "027092000123")
        #expect(throws: ResultRecordError(.invalidFormat("wifeID", .citizenID))) { try spec.validated(values.merging(["wifeID": "02719400045"]) { $1 }) }
        #expect(throws: ResultRecordError(.invalidFormat("husbandID", .citizenID))) { try spec.validated(values.merging(["husbandID": "0270920001234"]) { $1 }) }
        #expect(throws: ResultRecordError(.sameValue("husbandID", "wifeID"))) { try spec.validated(values.merging(["husbandID": "027194000456"]) { $1 }) }
        #expect(throws: ResultRecordError(.controlCharacters("wifeName"))) { try spec.validated(values.merging(["wifeName": "Trần \u{202E}Thị Bình"]) { $1 }) }
    }

    @Test("A result-type file with a duplicate type, a missing holder field or a bad key is refused with the reason")
    func badFilesAreRefused() {
        func load(_ json: String) -> String? {
            do {
                _ = try ResultTypeCatalogue.load(Data(json.utf8))
                return nil
            } catch { return "\(error)" }
        }
        let field = #"{"key":"fullName","labelVi":"Họ tên","labelEn":"Name","required":true,"personal":true}"#
        let type = #"{"type":"death_extract","nameVi":"Trích lục khai tử","nameEn":"Death extract","legalBasis":"Luật Hộ tịch","holderField":"fullName","fields":[\#(field)]}"#
        #expect(load(#"{"types":[\#(type)]}"#) == nil)
        #expect(load(#"{"types":[\#(type),\#(type)]}"#)?.contains("declared twice") == true)
        #expect(load(#"{"types":[\#(type.replacingOccurrences(of: #""holderField":"fullName""#, with: #""holderField":"other""#))]}"#)?.contains("holderField") == true)
        #expect(load(#"{"types":[\#(type.replacingOccurrences(of: #""key":"fullName""#, with: #""key":"Full Name""#))]}"#)?.contains("lower camel case") == true)
        #expect(load(#"{"types":[{"type":"passport"}]}"#)?.contains("unreadable") == true)
    }
}
