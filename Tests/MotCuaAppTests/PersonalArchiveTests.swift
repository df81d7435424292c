import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// The personal digital archive: the citizen's own results and scans; an official's view through a dossier,
/// logged where the citizen reads who used their data.
@Suite("Personal digital archive")
struct PersonalArchiveTests {
    private struct ItemJSON: Decodable {
        let kind: String
        let id: String
        let type: String
        let state: String
        let dossierCode: String
        let issuer: String?
    }

    private struct PageJSON: Decodable {
        let items: [ItemJSON]
        let nextCursor: String?
    }

    @Test("The applicant's archive lists a delivered result and its later revocation; an official's view is logged for the citizen")
    func archiveAndLoggedView() async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(.sqlite, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let received = try await s.receiveBirth()
                let result = try await s.signBirthResult(received.code)
                let citizen = try await citizenClient(raw, person, level: 1)
                // Not delivered yet: not in the archive.
                #expect(try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive").body).items.isEmpty)
                let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(received.code)").body)
                _ = try #require(try await s.clerk.transition(received.code, "return_result", version: done.version))
                var items = try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive").body).items
                #expect(items.count == 1 && items[0].id == result.id && items[0].state == "valid" && items[0].kind == "result")
                #expect(items[0].type == "birth_certificate_extract" && items[0].issuer == "Phường Kinh Bắc")
                _ = try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Cấp nhầm"}"#)
                items = try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive").body).items
                #expect(items.first?.state == "revoked")

                // An official of the dossier's agency sees it through the dossier, and that view is on the citizen's log.
                let view = try await s.specialist.call(.get, "/api/v1/dossiers/\(received.code)/applicant-archive")
                #expect(view.status == .ok && view.body.contains(result.id))
                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.contains { $0.dossierCode == received.code && $0.fieldsVi.contains { $0.contains("Kho dữ liệu cá nhân") } })
                // The operations monitor has no reason to read a person's archive.
                let monitor = try await s.anonymous.signedIn("hcc.giamsat")
                #expect(try await monitor.call(.get, "/api/v1/dossiers/\(received.code)/applicant-archive").status == .forbidden)
            }
        }
    }
}

extension PersonalArchiveTests {
    @Test("A valid archived result satisfies a later dossier's component without an upload; a revoked one never does", arguments: TestDatabase.backends)
    func onceOnlyReuse(backend: TestDatabase) async throws {
        try await withApp(backend) { raw, _ in
            let s = try await Scenario(raw)
            let person = RegistryPeople.singleAdult
            let received = try await s.receiveBirth()
            let result = try await s.signBirthResult(received.code)
            let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(received.code)").body)
            _ = try #require(try await s.clerk.transition(received.code, "return_result", version: done.version))
            // A certified copy of an original issued by an authority: the original is the archived extract.
            let copyRequest = #"{"procedureCode":"2.000815","agencyId":"\#(s.ward.id)","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"counter","components":[{"code":"copy","reference":"scan-copy"}]}"#
            let created = try await s.reception.call(.post, "/api/v1/dossiers", json: copyRequest)
            #expect(created.status == .created, "\(created.body)")
            let dossier = try s.reception.decode(DossierJSON.self, created.body)
            #expect(dossier.component("original")?.state == "reused" && dossier.component("original")?.reference == "result:\(result.id)")
            // Revoked, it is no longer in force: the original must be handed in again.
            _ = try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Cấp nhầm"}"#)
            let refused = try await s.reception.call(.post, "/api/v1/dossiers", json: copyRequest)
            #expect(refused.status == .unprocessableContent && refused.body.contains("original"), "\(refused.body)")
            // Another person's archive is never searched: their dossier needs the original.
            let other = RegistryPeople.insured
            let forOther = copyRequest.replacingOccurrences(of: person.citizenID.value, with: other.citizenID.value)
                .replacingOccurrences(of: person.fullName, with: other.fullName)
            #expect(try await s.reception.call(.post, "/api/v1/dossiers", json: forOther).status == .unprocessableContent)
        }
    }
}
