import Foundation
import MotCuaDomain
import MotCuaSigning
import X509

/// A provincial CA, one leader's credential and a birth-extract record, shared by the signing tests.
struct SigningFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, a fixed instant for reproducible checks

    let authority: ProvincialCertificateAuthority
    let credential: SigningCredential
    let record: ResultRecord
    let signer: ResultJWSSigner
    let verifier: ResultJWSVerifier

    static let signatory = ResultSignatory(name: "Nguyễn Văn An", officialID: "CB-27-000123", title: "Chủ tịch")
    static let agency = ResultIssuingAgency(id: "xa-07663", name: "Ủy ban nhân dân xã Tiên Du")

    init(now: Date = SigningFixture.now, validityDays: Int = 365) throws {
        authority = try ProvincialCertificateAuthority.create(
            commonName: "CA tỉnh Bắc Ninh (thử nghiệm)", organization: "Ủy ban nhân dân tỉnh Bắc Ninh", now: now)
        credential = try authority.issueSigningCredential(
            for: Self.signatory, agency: Self.agency, validityDays: validityDays, now: now)
        record = try Self.record()
        signer = try ResultJWSSigner(authority: authority.certificate)
        verifier = try ResultJWSVerifier(authority: authority.certificate)
    }

    static func record(id: String = "KQ-2026-000001", version: Int = 1, supersedes: String? = nil) throws -> ResultRecord {
        try ResultRecord(
            id: id, type: .birthCertificateExtract, dossierCode: "000.00.07.H10-261118-0001",
            register: ResultRegisterEntry(book: "01/2026", number: "125"), issuingAgency: agency, signatory: signatory,
            issuedOn: LocalDate(year: 2026, month: 11, day: 18)!, validUntil: nil, version: version, supersedes: supersedes,
            fields: ["childName": "Nguyễn Thị Mai", "dateOfBirth": "2026-11-02", "placeOfBirth": "Bệnh viện Sản – Nhi Bắc Ninh"]
        )
    }

    func sign(at instant: Date = SigningFixture.now, revocations: RevocationSnapshot = .none) throws -> String {
        try signer.sign(record, with: credential, at: instant, revocations: revocations)
    }
}

/// Replaces the character at `offset` with another base64url character (never touching the dots).
func changingCharacter(of compact: String, at offset: Int) -> String {
    var characters = Array(compact)
    characters[offset] = characters[offset] == "A" ? "B" : "A"
    return String(characters)
}
