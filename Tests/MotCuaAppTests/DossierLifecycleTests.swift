import Foundation
import HTTPTypes
import Logging
import MotCuaStorage
import HummingbirdTesting
import MotCuaApp
import MotCuaDomain
import MotCuaTestSupport
import Testing

@Suite("Dossier lifecycle over HTTP")
struct DossierLifecycleTests {
    @Test("A counter birth registration moves through all five steps and every action is in a verified history", arguments: TestDatabase.backends)
    func birthRegistrationCompletesFiveSteps(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9, 30))
        try await withApp(backend, clock: clock) { client, configuration in
            let s = try await Scenario(client)
            // receipt
            var dossier = try await s.receiveBirth()
            let code = try #require(DossierCode(dossier.code))
            #expect(code.agencyIdentifier == s.ward.identifier)
            #expect(code.description.hasSuffix("-261207-0001"))
            #expect(dossier.status.name == "received")
            #expect(dossier.step == "receipt")
            // same-day procedure received before 15:00: due at the end of office hours that day
            #expect(dossier.dueAt == vietnamTime(2026, 12, 7, 17))
            #expect(dossier.stepDeadlines.map(\.step) == ["receipt", "appraisal", "approval", "signature", "delivery"])
            #expect(dossier.stepDeadlines.last?.dueAt == dossier.dueAt)
            // assignment, result preparation, appraisal, approval, signature, delivery
            dossier = try #require(try await s.reception.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            #expect(dossier.status.name == "in_process" && dossier.step == "appraisal")
            let prepared = try await s.specialist.call(
                .put, "/api/v1/dossiers/\(dossier.code)/result", json: #"{"version":\#(dossier.version),"fields":\#(Scenario.birthExtractFields)}"#)
            #expect(prepared.status == .ok, "\(prepared.body)")
            let worksheet = try s.specialist.decode(DossierResultJSON.self, prepared.body)
            #expect(worksheet.resultType == "birth_certificate_extract" && worksheet.result?.state == "draft")
            dossier = try #require(try await s.specialist.transition(
                dossier.code, "appraise", version: worksheet.dossierVersion, extra: #","opinion":"Hồ sơ đầy đủ, hợp lệ""#))
            #expect(dossier.step == "approval")
            dossier = try #require(try await s.leader.transition(dossier.code, "approve", version: dossier.version))
            #expect(dossier.step == "signature")
            // The signature step of a procedure with an electronic result is the signing of that result.
            _ = try await s.leader.transition(dossier.code, "approve_for_signature", version: dossier.version, expect: .conflict)
            let signed = try await s.leader.call(.post, "/api/v1/dossiers/\(dossier.code)/result/sign", json: #"{"version":\#(dossier.version)}"#)
            #expect(signed.status == .ok, "\(signed.body)")
            let result = try s.leader.decode(ResultJSON.self, signed.body)
            #expect(result.state == "signed" && result.registerBook == "KS/2026" && result.registerNumber == "1" && result.issuedOn == "2026-12-07")
            dossier = try s.leader.decode(DossierJSON.self, try await s.leader.call(.get, "/api/v1/dossiers/\(dossier.code)").body)
            #expect(dossier.status.name == "done" && dossier.step == "delivery" && dossier.outcome == "approved")
            clock.set(vietnamTime(2026, 12, 7, 16))
            dossier = try #require(try await s.clerk.transition(dossier.code, "return_result", version: dossier.version, extra: #","paperCopy":true"#))
            #expect(dossier.status.code == 10)
            #expect(!dossier.overdue)
            let delivered = try s.clerk.decode(ResultJSON.self, try await s.clerk.call(.get, "/api/v1/results/\(result.id)").body)
            #expect(delivered.delivered && delivered.paperCopy)
            // history
            let history = try s.reception.decode(
                [HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            // The national-data check right after receipt is on record too, as the system's action.
            #expect(history.map(\.action) == [
                "receive", "verify_registry", "assign", "prepare_result", "appraise", "approve", "approve_for_signature", "return_result",
            ])
            #expect(history.map(\.actorId) == [
                "kinhbac.tiepnhan", "system:registry-verifier", "kinhbac.tiepnhan", "kinhbac.chuyenvien", "kinhbac.chuyenvien", "kinhbac.lanhdao",
                "kinhbac.lanhdao", "kinhbac.trakq",
            ])
            #expect(history[6].note?.contains(result.id) == true)
            for (previous, entry) in zip(history, history.dropFirst()) { #expect(entry.previousHash == previous.hash) }
            // the audit recomputes every chain
            let audit = try await Platform.withPlatform(configuration, logger: .init(label: "audit")) { platform in
                try await platform.dossiers.verifyHistory(progress: nil)
            }
            #expect(audit.breaks.isEmpty && audit.entriesChecked == 8)
        }
    }

    @Test("A dossier received after the 15:00 cut-off on a Friday is due on Monday", arguments: TestDatabase.backends)
    func cutOffMovesSameDayProceduresToNextWorkingDay(backend: TestDatabase) async throws {
        try await withApp(backend, clock: TestClock(vietnamTime(2026, 12, 11, 15, 20))) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            #expect(dossier.dueAt == vietnamTime(2026, 12, 14, 17))
        }
    }

    @Test("Actions out of order, by the wrong role or from a stale version are refused with the rule", arguments: TestDatabase.backends)
    func wrongRoleOrderOrVersionIsRefused(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            // leader cannot approve a dossier that has not been appraised
            try await s.leader.transition(dossier.code, "approve", version: 2, expect: .conflict)
            // a specialist cannot assign
            try await s.specialist.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#, expect: .forbidden)
            // a refusal needs a reason
            let missing = try await s.leader.call(.post, "/api/v1/dossiers/\(dossier.code)/transitions", json: #"{"action":"stop","version":2}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(try s.leader.decode(ProblemJSON.self, missing.body).field == "reason")
            try await s.reception.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            // stale version
            try await s.specialist.transition(dossier.code, "appraise", version: 2, extra: #","opinion":"ok""#, expect: .conflict)
            // assigning to someone who is not a specialist of the agency
            try await s.leader.transition(dossier.code, "assign", version: 3, extra: #","assigneeId":"kinhbac.trakq""#, expect: .unprocessableContent)
            let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            #expect(history.count == 3)
        }
    }

    @Test("Of two officials acting on one dossier at once, exactly one wins and the other gets 409", arguments: TestDatabase.backends)
    func concurrentTransitionsOneWins(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            let reception = s.reception
            let leader = s.leader
            async let first = reception.call(
                .post, "/api/v1/dossiers/\(dossier.code)/transitions", json: #"{"action":"assign","version":2,"assigneeId":"kinhbac.chuyenvien"}"#)
            async let second = leader.call(.post, "/api/v1/dossiers/\(dossier.code)/transitions", json: #"{"action":"stop","version":2,"reason":"trùng"}"#)
            let statuses = [try await first.status, try await second.status].map(\.code).sorted()
            #expect(statuses == [200, 409])
        }
    }

    @Test("A supplement request pauses the clock; a second one makes the dossier count as late", arguments: TestDatabase.backends)
    func supplementPausesClockAndSecondRequestCountsLate(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, _ in
            let s = try await Scenario(client)
            var dossier = try await s.receiveBirth()
            let due = try #require(dossier.dueAt)
            dossier = try #require(try await s.reception.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            clock.set(vietnamTime(2026, 12, 7, 10))
            dossier = try #require(try await s.specialist.transition(dossier.code, "request_supplement", version: 3, extra: #","reason":"Thiếu giấy chứng sinh""#))
            #expect(dossier.status.code == 5)
            // 330 office minutes remained (10:00–11:30 and 13:00–17:00); the citizen returns the next day at 09:00,
            // so the new due time is 09:00 + 150 min to 11:30, then 180 min from 13:00: 16:00
            clock.set(vietnamTime(2026, 12, 8, 9))
            // tokens last 8 hours: the next day the officials sign in again
            let reception = try await s.anonymous.signedIn("kinhbac.tiepnhan")
            let specialist = try await s.anonymous.signedIn("kinhbac.chuyenvien")
            dossier = try #require(try await reception.transition(dossier.code, "supplement", version: 4, extra: #","note":"Đã nộp bổ sung""#))
            #expect(dossier.status.code == 4)
            #expect(dossier.dueAt == vietnamTime(2026, 12, 8, 16))
            #expect(dossier.dueAt! > due)
            #expect(!dossier.countsAsLate)
            dossier = try #require(try await specialist.transition(dossier.code, "request_supplement", version: 5, extra: #","reason":"Thiếu chữ ký""#))
            #expect(dossier.supplementRequests == 2)
            #expect(dossier.countsAsLate)
        }
    }
}
