import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Signed electronic results over HTTP: preparation, signature, public verification, revocation, correction,
/// batch signing and the refusals, on both databases.
@Suite("Electronic results over HTTP")
struct ResultsAPITests {
    /// A returned birth registration with its signed, delivered result.
    private func deliveredBirthResult(_ s: Scenario) async throws -> ResultJSON {
        let received = try await s.receiveBirth()
        let result = try await s.signBirthResult(received.code)
        let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(received.code)").body)
        _ = try #require(try await s.clerk.transition(received.code, "return_result", version: done.version))
        return result
    }

    @Test("Anyone verifies a signed result as valid with a masked name and no ID number; after revocation it is revoked and listed", arguments: TestDatabase.backends)
    func verifyAndRevoke(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let result = try await deliveredBirthResult(s)
            let report = try await s.anonymous.call(.get, "/api/v1/public/results/\(result.id)/verification")
            #expect(report.status == .ok, "\(report.body)")
            let valid = try s.anonymous.decode(VerificationJSON.self, report.body)
            #expect(valid.status == "valid" && valid.holder == "N*** M*** K***" && valid.signatureChecked == false)
            #expect(!report.body.contains(RegistryPeople.singleAdult.citizenID.value) && !report.body.contains("Khôi"))
            let page = try await s.anonymous.call(.get, "/verify/\(result.id)")
            #expect(page.status == .ok && page.body.contains(#"data-testid="verification-status">valid<"#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let unknown = try await s.anonymous.call(.get, "/verify/KQ-0000000000000000")
            #expect(unknown.status == .notFound && unknown.body.contains(">unknown<"))

            // The downloaded file verifies with its signature and chain; one changed byte does not.
            let file = try await s.clerk.call(.get, "/api/v1/results/\(result.id)/jws")
            #expect(file.status == .ok && file.headers[.contentType]?.hasPrefix("application/jose") == true)
            #expect(file.headers[.contentDisposition]?.contains("\(result.id).jws") == true)
            let checked = try await s.anonymous.call(.post, "/api/v1/public/results/verification", json: #"{"jws":"\#(file.body)"}"#)
            #expect(try s.anonymous.decode(VerificationJSON.self, checked.body).signatureChecked == true, "\(checked.body)")
            var parts = file.body.split(separator: ".").map(String.init)
            parts[1] = String(parts[1].prefix(10)) + (parts[1].dropFirst(10).first == "A" ? "B" : "A") + String(parts[1].dropFirst(11))
            let tampered = try await s.anonymous.call(.post, "/api/v1/public/results/verification", json: #"{"jws":"\#(parts.joined(separator: "."))"}"#)
            #expect(tampered.status == .unprocessableContent, "\(tampered.body)")

            // Revocation: a reason is required, it is final, and verification and the list say so.
            #expect(try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"  "}"#).status == .unprocessableContent)
            let revoked = try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Cấp nhầm người"}"#)
            let revokedState = try s.leader.decode(ResultJSON.self, revoked.body).state
            #expect(revoked.status == .ok && revokedState == "revoked", "\(revoked.body)")
            #expect(try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Cấp nhầm người"}"#).status == .conflict)
            let after = try s.anonymous.decode(
                VerificationJSON.self, try await s.anonymous.call(.get, "/api/v1/public/results/\(result.id)/verification").body)
            #expect(after.status == "revoked" && after.revocationReason == "Cấp nhầm người")
            #expect(try await s.anonymous.call(.get, "/verify/\(result.id)").body.contains(">revoked<"))
            #expect(try await s.anonymous.call(.get, "/revocations.json").body.contains(result.id))
            let history = try s.leader.decode([HistoryJSON].self, try await s.leader.call(.get, "/api/v1/dossiers/\(result.dossierCode)/history").body)
            #expect(history.last?.action == "revoke_result" && history.last?.note?.contains("Cấp nhầm người") == true)
            // Verifications are counted on the result (written every two seconds), never who verified.
            var counted = 0
            for _ in 0..<30 where counted < 3 {
                try await Task.sleep(for: .milliseconds(200))
                counted = try s.leader.decode(ResultCountJSON.self, try await s.leader.call(.get, "/api/v1/results/\(result.id)").body).verifications
            }
            #expect(counted >= 3)
        }
    }

    @Test("Preparation and signature refuse bad fields, the wrong caller and a second signature, and change nothing", arguments: TestDatabase.backends)
    func refusals(backend: TestDatabase) async throws {
        try await withApp(backend, prepare: { platform in
            _ = try await DemoSeeder(platform: platform).seed()
            let hash = try await AuthService.hash(DemoSeeder.demoPassword, cost: platform.configuration.bcryptCost)
            let other = try #require(platform.reference.agencies.communes.first { $0.administrativeCode != "09187" })
            _ = try await platform.officials.create(
                Official(id: "khac.lanhdao", username: "khac.lanhdao", fullName: "Lãnh đạo xã khác", role: .leader, agencyID: other.id, passwordHash: hash))
        }) { client, _ in
            let s = try await Scenario(client)
            let received = try await s.receiveBirth()
            let assigned = try #require(try await s.reception.transition(received.code, "assign", version: received.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            let path = "/api/v1/dossiers/\(received.code)/result"
            func prepare(_ fields: String, by client: Client? = nil) async throws -> (status: HTTPResponse.Status, body: String) {
                let answer = try await (client ?? s.specialist).call(.put, path, json: #"{"version":\#(assigned.version),"fields":\#(fields)}"#)
                return (answer.status, answer.body)
            }
            let unknownField = try await prepare(#"{"fullName":"A","bogus":"x"}"#)
            #expect(unknownField.status == .unprocessableContent && unknownField.body.contains("bogus"))
            let missing = try await prepare(#"{"fullName":"Nguyễn Minh Khôi"}"#)
            #expect(missing.status == .unprocessableContent && missing.body.contains("fields.dateOfBirth"))
            let control = try await prepare(Scenario.birthExtractFields.replacingOccurrences(of: "Kinh", with: #"Ki\u0007nh"#))
            #expect(control.status == .unprocessableContent && control.body.contains("ethnicity"))
            #expect(try await prepare(Scenario.birthExtractFields, by: s.leader).status == .forbidden)
            // Nothing was stored and the dossier did not move.
            let sheet = try s.specialist.decode(DossierResultJSON.self, try await s.specialist.call(.get, path).body)
            #expect(sheet.result == nil && sheet.dossierVersion == assigned.version)
            // Signing before the signature step is refused; so is anyone but the agency's leader.
            #expect(try await s.leader.call(.post, path + "/sign", json: #"{"version":\#(assigned.version)}"#).status == .conflict)
            let result = try await s.signBirthResult(try await s.receiveBirth().code)
            let other = try await s.anonymous.signedIn("khac.lanhdao")
            #expect(try await other.call(.get, "/api/v1/results/\(result.id)").status == .notFound)
            #expect(try await other.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Không có quyền"}"#).status == .notFound)
            #expect(try await s.specialist.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Không có quyền"}"#).status == .forbidden)
            // Nothing is signed twice.
            let again = try await s.leader.call(.post, "/api/v1/dossiers/\(result.dossierCode)/result/sign", json: #"{"version":1}"#)
            #expect(again.status == .conflict)
            let versions = try s.leader.decode(DossierResultJSON.self, try await s.leader.call(.get, "/api/v1/dossiers/\(result.dossierCode)/result").body)
            #expect(versions.result?.id == result.id && versions.result?.state == "signed")
            // A procedure without an electronic result has no worksheet.
            #expect(try await s.leader.call(.get, "/api/v1/results/KQ-NOTAVALIDID0000").status == .notFound)
        }
    }

    @Test("A correction is signed as a new version that supersedes the old one", arguments: TestDatabase.backends)
    func correction(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let first = try await deliveredBirthResult(s)
            let fields = Scenario.birthExtractFields.replacingOccurrences(of: "Bệnh viện Sản Nhi Bắc Ninh", with: "Trạm y tế phường Kinh Bắc")
            let answer = try await s.leader.call(
                .post, "/api/v1/results/\(first.id)/corrections", json: #"{"reason":"Sai nơi sinh","fields":\#(fields)}"#)
            #expect(answer.status == .ok, "\(answer.body)")
            let corrected = try s.leader.decode(ResultJSON.self, answer.body)
            #expect(corrected.version == 2 && corrected.supersedes == first.id && corrected.state == "signed" && corrected.delivered)
            #expect(corrected.registerNumber == first.registerNumber && corrected.fields["placeOfBirth"] == "Trạm y tế phường Kinh Bắc")
            let old = try s.anonymous.decode(
                VerificationJSON.self, try await s.anonymous.call(.get, "/api/v1/public/results/\(first.id)/verification").body)
            #expect(old.status == "superseded" && old.supersededBy == corrected.id)
            #expect(try await s.leader.call(
                .post, "/api/v1/results/\(first.id)/corrections", json: #"{"reason":"Sai nơi sinh","fields":\#(fields)}"#).status == .conflict)
        }
    }

    @Test("A leader batch-signs the queue; each dossier is signed or refused on its own with distinct register numbers", arguments: TestDatabase.backends)
    func batchSigning(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            var codes: [String] = []
            for _ in 0..<3 {
                let received = try await s.receiveBirth()
                var dossier = try #require(try await s.reception.transition(received.code, "assign", version: received.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
                let prepared = try await s.specialist.call(
                    .put, "/api/v1/dossiers/\(received.code)/result", json: #"{"version":\#(dossier.version),"fields":\#(Scenario.birthExtractFields)}"#)
                let version = try s.specialist.decode(DossierResultJSON.self, prepared.body).dossierVersion
                dossier = try #require(try await s.specialist.transition(received.code, "appraise", version: version, extra: #","opinion":"Đủ""#))
                _ = try #require(try await s.leader.transition(received.code, "approve", version: dossier.version))
                codes.append(received.code)
            }
            let unready = try await s.receiveBirth().code
            let queue = try await s.leader.call(.get, "/api/v1/results/queue")
            #expect(codes.allSatisfy { queue.body.contains($0) } && !queue.body.contains(unready))
            let list = (codes + [unready]).map { "\"\($0)\"" }.joined(separator: ",")
            let batch = try await s.leader.call(.post, "/api/v1/results/sign-batch", json: #"{"codes":[\#(list)]}"#)
            #expect(batch.status == .ok, "\(batch.body)")
            let outcome = try s.leader.decode(BatchJSON.self, batch.body)
            #expect(outcome.signed.map(\.dossierCode) == codes)
            #expect(Set(outcome.signed.compactMap(\.registerNumber)) == ["1", "2", "3"])
            #expect(outcome.refused.map(\.dossierCode) == [unready] && outcome.refused.first?.status == 409)
            #expect(try await s.leader.call(.get, "/api/v1/results/queue").body == #"{"items":[]}"#)
        }
    }

    @Test("A leader whose certificate was revoked cannot sign, and the CRL lists the certificate", arguments: [TestDatabase.sqlite])
    func revokedCertificate(backend: TestDatabase) async throws {
        try await withApp(backend) { client, configuration in
            let s = try await Scenario(client)
            let first = try await s.signBirthResult(try await s.receiveBirth().code)
            let serial = try #require(first.certificateSerial)
            try await Platform.withPlatform(configuration, logger: Logger(label: "ca")) { platform in
                try await SigningAdministration(platform: platform).revoke(serial: serial, reason: "keyCompromise")
            }
            let received = try await s.receiveBirth()
            var dossier = try #require(try await s.reception.transition(received.code, "assign", version: received.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            let prepared = try await s.specialist.call(
                .put, "/api/v1/dossiers/\(received.code)/result", json: #"{"version":\#(dossier.version),"fields":\#(Scenario.birthExtractFields)}"#)
            dossier = try #require(try await s.specialist.transition(
                received.code, "appraise", version: try s.specialist.decode(DossierResultJSON.self, prepared.body).dossierVersion, extra: #","opinion":"Đủ""#))
            dossier = try #require(try await s.leader.transition(received.code, "approve", version: dossier.version))
            let refused = try await s.leader.call(.post, "/api/v1/dossiers/\(received.code)/result/sign", json: #"{"version":\#(dossier.version)}"#)
            #expect(refused.status == .conflict && refused.body.contains("no-signing-certificate"), "\(refused.body)")
            let crl = try await s.anonymous.call(.get, "/crl.pem")
            #expect(crl.status == .ok && crl.body.hasPrefix("-----BEGIN X509 CRL-----"))
            #expect(try await s.anonymous.call(.get, "/ca.pem").body.hasPrefix("-----BEGIN CERTIFICATE-----"))
        }
    }
}

extension ResultsAPITests {
    @Test("A leader whose certificate has expired cannot sign until a new one is issued", arguments: [TestDatabase.sqlite])
    func expiredCertificate(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, _ in
            let s = try await Scenario(client)
            _ = try await s.signBirthResult(try await s.receiveBirth().code)
            let received = try await s.receiveBirth()
            var dossier = try #require(try await s.reception.transition(received.code, "assign", version: received.version, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            let prepared = try await s.specialist.call(
                .put, "/api/v1/dossiers/\(received.code)/result", json: #"{"version":\#(dossier.version),"fields":\#(Scenario.birthExtractFields)}"#)
            dossier = try #require(try await s.specialist.transition(
                received.code, "appraise", version: try s.specialist.decode(DossierResultJSON.self, prepared.body).dossierVersion, extra: #","opinion":"Đủ""#))
            dossier = try #require(try await s.leader.transition(received.code, "approve", version: dossier.version))
            // A year and a day later the demo certificate (365 days) has expired; the leader signs in again.
            clock.set(vietnamTime(2027, 12, 8, 9))
            let leader = try await s.anonymous.signedIn("kinhbac.lanhdao")
            let refused = try await leader.call(.post, "/api/v1/dossiers/\(received.code)/result/sign", json: #"{"version":\#(dossier.version)}"#)
            #expect(refused.status == .conflict && refused.body.contains("no-signing-certificate"), "\(refused.body)")
        }
    }
}

private struct ResultCountJSON: Decodable {
    let verifications: Int
}

private struct BatchJSON: Decodable {
    struct Refused: Decodable {
        let dossierCode: String
        let status: Int
    }
    let signed: [ResultJSON]
    let refused: [Refused]
}
