import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Ratings and complaints/petitions through the real API: the applicant rates a returned dossier and files a
/// PAKN about another; the ward handles it to a published answer; group 5 of the ward's index moves exactly.
@Suite("Ratings and complaints/petitions over HTTP")
struct SatisfactionAPITests {
    struct PetitionJSON: Decodable {
        let id: String
        let status: String
        let version: Int
        let handlingDueAt: Date
        let nextDueAt: Date?
        let overdue: Bool
        let dossierCode: String?
    }

    struct ProblemJSON: Decodable {
        let status: Int
        let field: String?
    }

    static func field(_ response: (status: HTTPResponse.Status, body: String, headers: HTTPFields)) -> String? {
        (try? JSONDecoder().decode(ProblemJSON.self, from: Data(response.body.utf8)))?.field
    }

    @Test("Ratings and a PAKN move group 5 exactly; bad input, strangers, duplicates and steps out of order get precise 4xx; the public sees no personal data", arguments: TestDatabase.backends)
    func ratingsAndPetitions(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let returned = try await s.receiveBirth()
                let open = try await s.receiveBirth()
                _ = try await s.signBirthResult(returned.code)
                let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(returned.code)").body)
                _ = try #require(try await s.clerk.transition(returned.code, "return_result", version: done.version))
                let citizen = try await citizenClient(raw, person)
                let stranger = try await citizenClient(raw, RegistryPeople.insured)

                func group5() async throws -> [String: IndexAPITests.IndicatorJSON] {
                    let report = try s.leader.decode(IndexAPITests.ReportJSON.self, try await s.leader.call(.get, "/api/v1/index?period=2026-12").body)
                    return Dictionary(uniqueKeysWithValues: try #require(report.groups.first { $0.id == "5" }).indicators.map { ($0.id, $0) })
                }
                // Two dossiers received, none overdue, nothing complained: 5.4 = 100% → 4.5 points; no PAKN yet.
                var g = try await group5()
                #expect(g["5.4"]?.numerator == 2 && g["5.4"]?.denominator == 2 && g["5.4"]?.points == 4.5)
                #expect(g["5.2"]?.state == "no_data")

                // Ratings: bad level, control characters, someone else's dossier, no returned result.
                let rate = "/api/v1/citizen/dossiers/\(returned.code)/rating"
                let badLevel = try await citizen.call(.post, rate, json: #"{"level":6}"#)
                #expect(badLevel.status == .unprocessableContent && Self.field(badLevel) == "level", "\(badLevel.body)")
                let badComment = try await citizen.call(.post, rate, json: #"{"level":4,"comment":"tốt\u0007"}"#)
                #expect(badComment.status == .unprocessableContent && Self.field(badComment) == "comment", "\(badComment.body)")
                #expect(try await stranger.call(.post, rate, json: #"{"level":4}"#).status == .notFound)
                let notReturned = try await citizen.call(.post, "/api/v1/citizen/dossiers/\(open.code)/rating", json: #"{"level":4}"#)
                #expect(notReturned.status == .conflict && notReturned.body.contains("result-not-returned"), "\(notReturned.body)")
                // The applicant's dislike; a second rating, online or at the counter, is refused.
                let rated = try await citizen.call(.post, rate, json: #"{"level":2,"comment":"Phải chờ lâu"}"#)
                #expect(rated.status == .created, "\(rated.body)")
                #expect(rated.body.contains("Không hài lòng"))
                #expect(try await citizen.call(.post, rate, json: #"{"level":5}"#).status == .conflict)
                let atCounter = try await s.reception.call(.post, "/api/v1/dossiers/\(returned.code)/rating", json: #"{"level":5}"#)
                #expect(atCounter.status == .conflict && atCounter.body.contains("already-rated"), "\(atCounter.body)")
                // One dislike of two dossiers: 100% − 0 − 1/2 = 50% → 50 ÷ 90 × 4.5 = 2.5 points.
                g = try await group5()
                #expect(g["5.4"]?.numerator == 1 && g["5.4"]?.denominator == 2)
                #expect(abs((g["5.4"]?.points ?? 0) - 2.5) < 1e-9)

                // PAKN: content required and clean, a known agency or one's own dossier.
                let petitions = "/api/v1/citizen/petitions"
                let empty = try await citizen.call(.post, petitions, json: #"{"category":"conduct","content":"  ","agencyId":"\#(s.ward.id)"}"#)
                #expect(empty.status == .unprocessableContent && Self.field(empty) == "content", "\(empty.body)")
                let control = try await citizen.call(.post, petitions, json: #"{"category":"conduct","content":"a\u0000b","agencyId":"\#(s.ward.id)"}"#)
                #expect(control.status == .unprocessableContent && Self.field(control) == "content", "\(control.body)")
                let unknown = try await citizen.call(.post, petitions, json: #"{"category":"conduct","content":"Chờ lâu","agencyId":"no-such"}"#)
                #expect(unknown.status == .unprocessableContent && Self.field(unknown) == "agencyId", "\(unknown.body)")
                #expect(try await stranger.call(.post, petitions, json: #"{"category":"procedure","content":"Hỏi","dossierCode":"\#(open.code)"}"#).status == .notFound)
                let secret = "Tôi là \(person.fullName), số \(person.citizenID.value), bị hẹn lại ba lần"
                let filed = try await citizen.call(.post, petitions, json: #"{"category":"procedure","content":"\#(secret)","dossierCode":"\#(open.code)"}"#)
                #expect(filed.status == .created, "\(filed.body)")
                var petition = try citizen.decode(PetitionJSON.self, filed.body)
                #expect(petition.status == "submitted" && !petition.overdue && petition.dossierCode == open.code)
                // Received Mon 7 Dec 2026: 15 working days → Mon 28 Dec, 17:00 Vietnam time.
                #expect(petition.handlingDueAt == vietnamTime(2026, 12, 28, 17))

                // One PAKN (about the open dossier) and the dislike: two complained dossiers of two → 0%; 5.2 1/1; 5.3 1/1.
                g = try await group5()
                #expect(g["5.1"]?.state == "informational" && g["5.1"]?.numerator == 1)
                #expect(g["5.2"]?.numerator == 1 && g["5.2"]?.denominator == 1 && g["5.2"]?.points == 4.5)
                #expect(g["5.3"]?.points == 4.5)
                #expect(g["5.4"]?.numerator == 0 && g["5.4"]?.points == 0)

                // The ward's queue; reception officers see it but do not answer; other communes do not see it.
                let queue = try await s.specialist.call(.get, "/api/v1/petitions?status=submitted")
                // Officers read the citizen's own text (which here names them) to handle it, but no identifier field.
                #expect(queue.status == .ok && queue.body.contains(petition.id) && !queue.body.contains("citizenId"), "\(queue.body)")
                let act = "/api/v1/petitions/\(petition.id)/actions"
                #expect(try await s.reception.call(.post, act, json: #"{"action":"answer","version":1,"text":"x"}"#).status == .forbidden)
                // Out of order, by the wrong party, stale: 409 / 422.
                #expect(try await s.specialist.call(.post, act, json: #"{"action":"publish","version":1,"text":"Tóm tắt câu hỏi"}"#).status == .conflict)
                let notOfficer = try await s.specialist.call(.post, act, json: #"{"action":"feedback","version":1,"satisfied":true}"#)
                #expect(notOfficer.status == .unprocessableContent && Self.field(notOfficer) == "action")
                petition = try s.specialist.decode(PetitionJSON.self, try await s.specialist.call(
                    .post, act, json: #"{"action":"request_supplement","version":1,"text":"Cho biết ngày hẹn"}"#).body)
                #expect(petition.status == "supplement_requested" && petition.nextDueAt == nil)
                #expect(try await s.specialist.call(.post, act, json: #"{"action":"request_supplement","version":1,"text":"again"}"#).status == .conflict)
                let respond = "/api/v1/citizen/petitions/\(petition.id)/response"
                petition = try citizen.decode(PetitionJSON.self, try await citizen.call(
                    .post, respond, json: #"{"action":"supplement","version":\#(petition.version),"text":"Hẹn ngày 7/12"}"#).body)
                #expect(petition.status == "submitted")
                let withID = try await s.specialist.call(
                    .post, act, json: #"{"action":"answer","version":\#(petition.version),"text":"Gọi 0912 345 678 để biết thêm"}"#)
                #expect(withID.status == .unprocessableContent && Self.field(withID) == "text", "\(withID.body)")
                petition = try s.specialist.decode(PetitionJSON.self, try await s.specialist.call(
                    .post, act, json: #"{"action":"answer","version":\#(petition.version),"text":"Hồ sơ đã được ưu tiên giải quyết."}"#).body)
                #expect(petition.status == "answered" && petition.nextDueAt == vietnamTime(2026, 12, 9, 17))
                petition = try s.leader.decode(PetitionJSON.self, try await s.leader.call(
                    .post, act, json: #"{"action":"publish","version":\#(petition.version),"text":"Công dân hỏi vì sao hồ sơ khai sinh bị hẹn lại nhiều lần."}"#).body)
                #expect(petition.status == "published")
                let feedback = try await citizen.call(.post, respond, json: #"{"action":"feedback","version":\#(petition.version),"satisfied":false}"#)
                #expect(feedback.status == .ok, "\(feedback.body)")
                let again = try await citizen.call(.post, respond, json: #"{"action":"feedback","version":\#(petition.version + 1),"satisfied":true}"#)
                #expect(again.status == .conflict)

                // The history: every step with the official's id, never the citizen's.
                let history = try await s.leader.call(.get, "/api/v1/petitions/\(petition.id)/history")
                #expect(history.status == .ok)
                for action in ["file", "request_supplement", "supplement", "answer", "publish", "feedback"] { #expect(history.body.contains(#""\#(action)""#)) }
                #expect(!history.body.contains(person.citizenID.value))

                // Published: the summary and the answer, nothing the citizen wrote, no name, ID or dossier code.
                for response in [try await s.anonymous.call(.get, "/api/v1/public/petitions"), try await s.anonymous.call(.get, "/phan-anh-kien-nghi")] {
                    #expect(response.status == .ok)
                    #expect(response.body.contains("hẹn lại nhiều lần") && response.body.contains("ưu tiên giải quyết"))
                    #expect(!response.body.contains(person.citizenID.value) && !response.body.contains(person.fullName))
                    #expect(!response.body.contains("ba lần") && !response.body.contains(open.code))
                }
                // Dissatisfied with the answer: 5.3 = (1 − 1 − 0) ÷ 1 = 0.
                g = try await group5()
                #expect(g["5.3"]?.numerator == 0 && g["5.3"]?.points == 0)
                #expect(g["5.2"]?.numerator == 1)
            }
        }
    }
}
