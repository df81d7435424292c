import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Issue 10's scenario, through the API: a citizen whose archive holds results of earlier dossiers starts a
/// marital-status certification online and uploads nothing; the officer sees where each component came from;
/// the zero-paper score of the procedure moves.
@Suite("Once-only scenario")
struct OnceOnlyScenarioTests {
    struct RequirementsJSON: Decodable {
        struct Component: Decodable {
            struct Item: Decodable {
                let resultId: String
                let type: String
            }
            let code: String
            let way: String
            let archiveItem: Item?
        }
        let procedureCode: String
        let nothingToUpload: Bool
        let components: [Component]
    }

    @Test("Birth extract, marriage certificate and a spouse's death extract in the archive: the certification needs no upload", arguments: TestDatabase.backends)
    func maritalStatusWithNothingToUpload(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let month = ZeroPaperTests.thisMonth
                // Earlier dossiers of the same person, signed and returned: their results are in the archive.
                let birth = try await s.receiveBirth()
                let birthExtract = try await s.signBirthResult(birth.code)
                try await s.returnResult(birth.code)
                let marriage = try await s.receive(
                    "1.000894", components: [("declaration", "paper-declaration")], person: person)
                let certificate = try await s.sign(
                    marriage, fields: [
                        "wifeName": "Lê Thị Hoa", "wifeDateOfBirth": "1992-04-02", "wifeID": "027192000123",
                        "husbandName": person.fullName, "husbandDateOfBirth": person.dateOfBirth.description, "husbandID": person.citizenID.value,
                    ])
                try await s.returnResult(marriage.code)
                // A child's birth registration now reuses the parents' marriage certificate: the civil-status database of the
                // sandbox holds no marriage for this person, the archive does.
                let child = try await s.receiveBirth()
                #expect(child.component("parents_marriage")?.state == "reused" && child.component("parents_marriage")?.reusedItem?.resultId == certificate.id)
                let death = try await s.receive(
                    "1.000656", components: [("declaration", "paper-declaration"), ("death_notice", "paper-notice")], person: person)
                let deathExtract = try await s.sign(
                    death, fields: [
                        "deceasedName": "Lê Thị Hoa", "dateOfBirth": "1992-04-02", "dateOfDeath": "2026-10-01",
                        "placeOfDeath": "Bệnh viện Đa khoa tỉnh Bắc Ninh", "requesterName": person.fullName,
                    ])
                try await s.returnResult(death.code)
                let before = try await ZeroPaperTests.rows(s.leader, "from=\(month)&to=\(month)&procedure=1.004873")
                #expect(before.isEmpty)

                // Before submitting, the portal learns there is nothing to upload.
                let citizen = try await citizenClient(raw, person, level: 2)
                let requirements = try citizen.decode(
                    RequirementsJSON.self, try await citizen.call(.get, "/api/v1/citizen/procedures/1.004873/requirements").body)
                #expect(requirements.nothingToUpload)
                #expect(requirements.components.map(\.way) == ["form", "national_database", "national_database"])
                #expect(requirements.components[2].archiveItem?.resultId == deathExtract.id)
                // A certified copy reuses one of the three results as its original (the newest; all three were signed at the
                // test clock's same instant) and still needs the copy.
                let copy = try citizen.decode(
                    RequirementsJSON.self, try await citizen.call(.get, "/api/v1/citizen/procedures/2.000815/requirements").body)
                #expect(!copy.nothingToUpload && copy.components.first { $0.code == "original" }?.way == "archive")
                #expect([deathExtract.id, certificate.id, birthExtract.id].contains(copy.components.first { $0.code == "original" }?.archiveItem?.resultId ?? ""))
                #expect(try await citizen.call(.get, "/api/v1/citizen/procedures/9.999999/requirements").status == .notFound)

                // Submitted online with the e-form alone.
                let body = #"{"procedureCode":"1.004873","agencyId":"\#(s.ward.id)","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"online","formData":{"purpose":"kết hôn"},"components":[{"code":"declaration","reference":"eform"}]}"#
                let submitted = try await citizen.call(.post, "/api/v1/dossiers", json: body)
                #expect(submitted.status == .created, "\(submitted.body)")
                let code = try citizen.decode(DossierJSON.self, submitted.body).code

                // The officer sees where each component came from: the e-form, the population database, and the
                // death extract reused after the civil-status database turned out not to hold the death.
                let dossier = try s.reception.decode(DossierJSON.self, try await s.reception.call(.get, "/api/v1/dossiers/\(code)").body)
                #expect(dossier.component("declaration")?.provenance == "eform")
                #expect(dossier.component("requester_id")?.provenance == "registry")
                let proof = try #require(dossier.component("divorce_or_death_proof"))
                #expect(proof.state == "reused" && proof.provenance == "archive" && proof.reference == "result:\(deathExtract.id)")
                #expect(proof.reusedItem?.type == "death_extract" && proof.reusedItem?.registerNumber != nil && proof.reusedItem?.issuedOn != nil)
                let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(code)/history").body)
                #expect(history.contains { $0.action == "verify_registry" && $0.note?.contains("divorce_or_death_proof: reused result:\(deathExtract.id)") == true })

                // The score of the procedure: the ID fetched, the e-form supplied; the dossier is fully digitised.
                let after = try #require(try await ZeroPaperTests.rows(s.leader, "from=\(month)&to=\(month)&procedure=1.004873").first)
                #expect((after.registry, after.archive, after.eform, after.scan, after.paper) == (1, 0, 1, 0, 0))
                #expect(after.fetchedShare == 0.5 && after.dossiers == 1 && after.digitisationShare == 1 && after.withResult == 0)
            }
        }
    }
}

extension OnceOnlyScenarioTests {
    @Test("A superseded result is never reused (its correction is), nor one past its validity, nor another person's", arguments: TestDatabase.backends)
    func supersededExpiredAndOthers(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await EIDSandbox.run { eid in
            try await withApp(backend, clock: clock, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                // A marital-status certificate: valid for 6 months (Circular 04/2020 Art. 12), reusable for a marriage registration.
                let received = try await s.receive("1.004873", components: [("declaration", "paper-declaration")], person: person)
                var fields = [
                    "fullName": person.fullName, "dateOfBirth": person.dateOfBirth.description, "personalID": person.citizenID.value,
                    "residence": "Phường Kinh Bắc", "maritalStatus": "Chưa kết hôn", "purpose": "kết hôn",
                ]
                let first = try await s.sign(received, fields: fields)
                try await s.returnResult(received.code)
                func archiveItem(of client: Client) async throws -> String? {
                    let answer = try client.decode(
                        RequirementsJSON.self, try await client.call(.get, "/api/v1/citizen/procedures/1.000894/requirements").body)
                    return answer.components.first { $0.code == "marital_status" }?.archiveItem?.resultId
                }
                let citizen = try await citizenClient(raw, person, level: 2)
                #expect(try await archiveItem(of: citizen) == first.id)
                // Another person's archive never offers it.
                #expect(try await archiveItem(of: try await citizenClient(raw, RegistryPeople.insured, level: 2)) == nil)

                // Corrected: the old version is superseded and only the correction is offered.
                fields["residence"] = "Phường Kinh Bắc, tỉnh Bắc Ninh"
                let json = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
                let corrected = try await s.leader.call(
                    .post, "/api/v1/results/\(first.id)/corrections", json: #"{"reason":"Sai nơi cư trú","fields":\#(json)}"#)
                #expect(corrected.status == .ok, "\(corrected.body)")
                let second = try s.leader.decode(ResultJSON.self, corrected.body)
                #expect(try await archiveItem(of: citizen) == second.id)

                // Seven months later it has expired: nothing to reuse any more.
                clock.set(vietnamTime(2027, 7, 8, 9))
                #expect(try await archiveItem(of: try await citizenClient(raw, person, level: 2)) == nil)
            }
        }
    }
}

extension Scenario {
    /// Receives a dossier of `procedure` at the ward's counter for `person`, with the given paper components.
    func receive(_ procedure: String, components: [(String, String)], person: PopulationRecord) async throws -> DossierJSON {
        let list = components.map { #"{"code":"\#($0.0)","reference":"\#($0.1)"}"# }.joined(separator: ",")
        let body = #"{"procedureCode":"\#(procedure)","agencyId":"\#(ward.id)","applicant":{"citizenId":"\#(person.citizenID.value)","fullName":"\#(person.fullName)"},"channel":"counter","components":[\#(list)]}"#
        let response = try await reception.call(.post, "/api/v1/dossiers", json: body)
        #expect(response.status == .created, "\(response.body)")
        return try reception.decode(DossierJSON.self, response.body)
    }

    /// Signs the result of a received dossier with the given legal fields.
    func sign(_ received: DossierJSON, fields: [String: String]) async throws -> ResultJSON {
        try await signResult(
            received.code, receivedVersion: received.version, fields: String(decoding: try JSONEncoder().encode(fields), as: UTF8.self))
    }

    /// Hands a done dossier's result back, which delivers the signed result to the applicant's archive.
    func returnResult(_ code: String) async throws {
        let done = try clerk.decode(DossierJSON.self, try await clerk.call(.get, "/api/v1/dossiers/\(code)").body)
        _ = try #require(try await clerk.transition(code, "return_result", version: done.version))
    }
}
