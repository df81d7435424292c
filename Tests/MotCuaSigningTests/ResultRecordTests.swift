import Foundation
import MotCuaDomain
import Testing

@Suite struct ResultRecordTests {
    @Test("a record's canonical payload reads back as the same record, with keys sorted and nulls for absent members")
    func roundTrip() throws {
        let record = try SigningFixture.record()
        let payload = try record.canonicalPayload()
        #expect(try ResultRecord(canonicalPayload: payload) == record)
        let text = String(decoding: payload, as: UTF8.self)
        #expect(text.hasPrefix("{\"dossierCode\":\"000.00.07.H10-261118-0001\",\"fields\":{\"childName\":\"Nguyễn Thị Mai\""))
        #expect(text.contains("\"supersedes\":null,\"type\":\"birth_certificate_extract\",\"validUntil\":null,\"version\":1}"))
    }

    @Test("a payload with other key order or whitespace is refused as not canonical")
    func refusesNonCanonical() throws {
        let payload = String(decoding: try SigningFixture.record().canonicalPayload(), as: UTF8.self)
        let spaced = payload.replacingOccurrences(of: "\",\"", with: "\", \"")
        #expect(throws: ResultRecordError(.notCanonical)) { try ResultRecord(canonicalPayload: Data(spaced.utf8)) }
        #expect(throws: ResultRecordError.self) { try ResultRecord(canonicalPayload: Data("{}".utf8)) }
    }

    @Test("versions and supersedes must agree, and validity cannot end before issue")
    func validatesVersions() throws {
        #expect(throws: ResultRecordError(.firstVersionSupersedes)) { try SigningFixture.record(supersedes: "KQ-0") }
        #expect(throws: ResultRecordError(.correctionWithoutSupersedes(2))) { try SigningFixture.record(version: 2) }
        #expect(throws: ResultRecordError(.supersedesItself)) {
            try SigningFixture.record(id: "KQ-1", version: 2, supersedes: "KQ-1")
        }
        #expect(throws: ResultRecordError(.versionBelowOne(0))) { try SigningFixture.record(version: 0) }
        let corrected = try SigningFixture.record(id: "KQ-2", version: 2, supersedes: "KQ-1")
        #expect(corrected.supersedes == "KQ-1")
        #expect(throws: ResultRecordError(.validityBeforeIssue)) {
            try ResultRecord(
                id: "KQ-3", type: .maritalStatusCertificate, dossierCode: "D", register: nil,
                issuingAgency: SigningFixture.agency, signatory: SigningFixture.signatory,
                issuedOn: LocalDate(year: 2026, month: 11, day: 18)!, validUntil: LocalDate(year: 2026, month: 11, day: 17)!,
                version: 1, supersedes: nil, fields: [:])
        }
        #expect(throws: ResultRecordError(.emptyField("signatory.name"))) {
            try ResultRecord(
                id: "KQ-4", type: .deathExtract, dossierCode: "D", register: nil, issuingAgency: SigningFixture.agency,
                signatory: ResultSignatory(name: " ", officialID: "CB-1", title: "Chủ tịch"),
                issuedOn: LocalDate(year: 2026, month: 11, day: 18)!, validUntil: nil, version: 1, supersedes: nil, fields: [:])
        }
    }
}
