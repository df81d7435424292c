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
