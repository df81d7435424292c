import Foundation
import HTTPTypes
import Logging
import MotCuaDomain
import MotCuaStorage
import HummingbirdTesting
import Testing

/// Shared set-up of the HTTP tests: the demo ward, its birth-registration procedure, signed-in clients.
struct Scenario {
    let anonymous: Client
    let reception: Client
    let specialist: Client
    let leader: Client
    let clerk: Client
    let ward: AgencyJSON
    let birth: ProcedureJSON

    init(_ client: any TestClientProtocol) async throws {
        anonymous = Client(client: client)
        let agencies = try anonymous.decode([AgencyJSON].self, try await anonymous.call(.get, "/api/v1/agencies?kind=commune").body)
        ward = try #require(agencies.first { $0.administrativeCode == "09187" })
        let procedures = try anonymous.decode([ProcedureJSON].self, try await anonymous.call(.get, "/api/v1/procedures").body)
        birth = try #require(
            procedures.first { $0.nameVi.hasPrefix("Đăng ký khai sinh") && $0.timeLimit.unit == "same_day" && $0.level == "commune" })
        reception = try await anonymous.signedIn("kinhbac.tiepnhan")
        specialist = try await anonymous.signedIn("kinhbac.chuyenvien")
        leader = try await anonymous.signedIn("kinhbac.lanhdao")
        clerk = try await anonymous.signedIn("kinhbac.trakq")
    }

    /// A valid counter receipt of a birth registration at the ward, by default for a living adult the
    /// register knows (so the dossier can be approved without an override).
    func birthRequest(
        citizenID: String = RegistryPeople.singleAdult.citizenID.value, name: String = RegistryPeople.singleAdult.fullName
    ) -> String {
        #"{"procedureCode":"\#(birth.code)","agencyId":"\#(ward.id)","applicant":{"citizenId":"\#(citizenID)","fullName":"\#(name)"},"channel":"counter","formData":{"tenTre":"Nguyễn Minh Khôi"},"components":\#(birth.citizenComponentsJSON)}"#
    }

    /// Receives a birth registration at the counter.
    func receiveBirth(idempotencyKey: String? = nil) async throws -> DossierJSON {
        let response = try await reception.call(
            .post, "/api/v1/dossiers", json: birthRequest(), headers: idempotencyKey.map { [.init("Idempotency-Key")!: $0] } ?? [:])
        #expect(response.status == .created, "\(response.body)")
        return try reception.decode(DossierJSON.self, response.body)
    }
}

/// A result as the API answers it.
struct ResultJSON: Decodable {
    let id: String
    let dossierCode: String
    let resultType: String
    let state: String
    let version: Int
    let supersedes: String?
    let supersededBy: String?
    let registerBook: String?
    let registerNumber: String?
    let issuedOn: String?
    let validUntil: String?
    let certificateSerial: String?
    let fields: [String: String]
    let delivered: Bool
    let paperCopy: Bool
    let verifyUrl: String
}

/// The public verification report.
struct VerificationJSON: Decodable {
    let id: String
    let status: String
    let holder: String?
    let issuingAgency: String?
    let signerName: String?
    let revocationReason: String?
    let supersededBy: String?
    let signatureChecked: Bool?
}

extension Scenario {
    /// The legal fields of the child's birth extract, as the specialist confirms them.
    static let birthExtractFields = #"{"fullName":"Nguyễn Minh Khôi","dateOfBirth":"2026-11-20","sex":"Nam","placeOfBirth":"Bệnh viện Sản Nhi Bắc Ninh","ethnicity":"Kinh","nationality":"Việt Nam","requesterName":"Nguyễn Văn An"}"#

    /// Takes a received birth registration through assignment, result preparation, appraisal, approval and
    /// the leader's signature; returns the signed result (the dossier is then done, version 8).
    func signBirthResult(_ code: String, receivedVersion: Int = 2) async throws -> ResultJSON {
        try await signResult(code, receivedVersion: receivedVersion, fields: Self.birthExtractFields)
    }

    /// Takes a received dossier through assignment, result preparation with `fields` (a JSON object), appraisal,
    /// approval and the leader's signature; returns the signed result.
    func signResult(_ code: String, receivedVersion: Int, fields: String) async throws -> ResultJSON {
        try await sign(code, version: try await approveResult(code, receivedVersion: receivedVersion, fields: fields))
    }

    /// Takes a received dossier through assignment, result preparation with `fields`, appraisal and approval;
    /// returns the dossier's version, ready for the leader's signature.
    func approveResult(_ code: String, receivedVersion: Int, fields: String) async throws -> Int {
        var dossier = try #require(try await reception.transition(code, "assign", version: receivedVersion, extra: #","assigneeId":"kinhbac.chuyenvien""#))
        let prepared = try await specialist.call(
            .put, "/api/v1/dossiers/\(code)/result", json: #"{"version":\#(dossier.version),"fields":\#(fields)}"#)
        #expect(prepared.status == .ok, "\(prepared.body)")
        let version = try specialist.decode(DossierResultJSON.self, prepared.body).dossierVersion
        dossier = try #require(try await specialist.transition(code, "appraise", version: version, extra: #","opinion":"Hồ sơ đầy đủ, hợp lệ""#))
        dossier = try #require(try await leader.transition(code, "approve", version: dossier.version))
        return dossier.version
    }

    /// The leader signs the approved dossier's result.
    func sign(_ code: String, version: Int) async throws -> ResultJSON {
        let signed = try await leader.call(.post, "/api/v1/dossiers/\(code)/result/sign", json: #"{"version":\#(version)}"#)
        #expect(signed.status == .ok, "\(signed.body)")
        return try leader.decode(ResultJSON.self, signed.body)
    }
}

/// The result worksheet as the API answers it.
struct DossierResultJSON: Decodable {
    struct Field: Decodable {
        let key: String
        let required: Bool
        let value: String?
    }
    let dossierCode: String
    let dossierVersion: Int
    let resultType: String
    let fields: [Field]
    let result: ResultJSON?
}
