import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaTestSupport
import Testing

@Suite("Refusal, apology, withdrawal, stop and department procedures")
struct AlternativePathsTests {
    @Test("A leader's refusal becomes the result handed back; an apology sets a later return date", arguments: TestDatabase.backends)
    func refusalAndExtension(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            var dossier = try await s.receiveBirth()
            dossier = try #require(try await s.reception.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            // Form 04: apology with a new date, which must be later than the current one
            let earlier = "2026-12-07T09:00:00Z"
            try await s.specialist.transition(dossier.code, "extend", version: 3, extra: #","reason":"Chờ xác minh","newDueAt":"\#(earlier)""#, expect: .unprocessableContent)
            dossier = try #require(try await s.specialist.transition(dossier.code, "extend", version: 3, extra: #","reason":"Chờ xác minh","newDueAt":"2026-12-09T10:00:00Z""#))
            #expect(dossier.dueAt == vietnamTime(2026, 12, 9, 17))
            dossier = try #require(try await s.specialist.transition(dossier.code, "appraise", version: 4, extra: #","opinion":"Không đủ điều kiện""#))
            dossier = try #require(try await s.leader.transition(dossier.code, "refuse", version: 5, extra: #","reason":"Giấy chứng sinh không hợp lệ""#))
            #expect(dossier.status.name == "done" && dossier.outcome == "refused" && dossier.step == "delivery")
            dossier = try #require(try await s.clerk.transition(dossier.code, "return_result", version: 6))
            #expect(dossier.status.name == "returned")
        }
    }

    @Test("The applicant's withdrawal (at the desk) and a leader's stop close the dossier", arguments: TestDatabase.backends)
    func withdrawalAndStop(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let first = try await s.receiveBirth()
            try await s.specialist.transition(first.code, "withdraw", version: 2, extra: #","reason":"x""#, expect: .forbidden)
            let withdrawn = try #require(try await s.reception.transition(first.code, "withdraw", version: 2, extra: #","reason":"Công dân rút hồ sơ""#))
            #expect(withdrawn.status.code == 7)
            try await s.leader.transition(first.code, "stop", version: 3, extra: #","reason":"x""#, expect: .conflict)
            let second = try await s.receiveBirth()
            let stopped = try #require(try await s.leader.transition(second.code, "stop", version: 2, extra: #","reason":"Trùng hồ sơ""#))
            #expect(stopped.status.code == 8)
        }
    }

    @Test("A department procedure is received and returned at the service centre and handled by the department", arguments: TestDatabase.backends)
    func departmentProcedureRoutesThroughServiceCentre(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let procedures = try s.anonymous.decode([ProcedureJSON].self, try await s.anonymous.call(.get, "/api/v1/procedures?level=department").body)
            let department = try await s.anonymous.signedIn("so.lanhdao")
            let officials = try department.decode([OfficialJSON].self, try await department.call(.get, "/api/v1/officials").body)
            let procedure = try #require(procedures.first { $0.department == officials.first?.agencyId })
            let centre = try await s.anonymous.signedIn("hcc.tiepnhan")
            let body = #"{"procedureCode":"\#(procedure.code)","agencyId":"\#(procedure.department!)","applicant":{"citizenId":"024185000321","fullName":"Trần Thị Hương"},"channel":"counter","components":\#(procedure.citizenComponentsJSON)}"#
            // a commune officer cannot receive it
            #expect(try await s.reception.call(.post, "/api/v1/dossiers", json: body).status == .forbidden)
            let created = try await centre.call(.post, "/api/v1/dossiers", json: body)
            #expect(created.status == .created, "\(created.body)")
            var dossier = try centre.decode(DossierJSON.self, created.body)
            #expect(dossier.code.hasPrefix("000.00.01.H10-"))
            dossier = try #require(try await centre.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"so.chuyenvien""#))
            let specialist = try await s.anonymous.signedIn("so.chuyenvien")
            if procedure.resultType != nil {
                // The department's electronic result: every required legal field filled in by the specialist.
                let sheet = try specialist.decode(
                    DossierResultJSON.self, try await specialist.call(.get, "/api/v1/dossiers/\(dossier.code)/result").body)
                // Fields with a format (those a registry update is built from) get a value of that format.
                let formatted = ["parcelID": "07444-3-127", "areaSquareMetres": "100"]
                let fields = sheet.fields.filter(\.required).map { #""\#($0.key)":"\#($0.value ?? formatted[$0.key] ?? "Giá trị kiểm thử")""# }
                    .joined(separator: ",")
                let prepared = try await specialist.call(
                    .put, "/api/v1/dossiers/\(dossier.code)/result", json: #"{"version":\#(dossier.version),"fields":{\#(fields)}}"#)
                #expect(prepared.status == .ok, "\(prepared.body)")
                dossier.version = try specialist.decode(DossierResultJSON.self, prepared.body).dossierVersion
            }
            dossier = try #require(try await specialist.transition(dossier.code, "appraise", version: dossier.version, extra: #","opinion":"Đủ điều kiện""#))
            // The sandbox holds no certificate for this applicant: approving needs the leader's stated reason.
            try await department.transition(dossier.code, "approve", version: dossier.version, expect: .conflict)
            let reason = #","overrideReason":"Đã đối chiếu bản chính giấy chứng nhận tại Trung tâm""#
            dossier = try #require(try await department.transition(dossier.code, "approve", version: dossier.version, extra: reason))
            if procedure.resultType != nil {
                let signed = try await department.call(
                    .post, "/api/v1/dossiers/\(dossier.code)/result/sign",
                    json: #"{"version":\#(dossier.version),"overrideReason":"Đã đối chiếu bản chính giấy chứng nhận tại Trung tâm"}"#)
                #expect(signed.status == .ok, "\(signed.body)")
                dossier = try department.decode(DossierJSON.self, try await department.call(.get, "/api/v1/dossiers/\(dossier.code)").body)
            } else {
                dossier = try #require(try await department.transition(dossier.code, "approve_for_signature", version: dossier.version, extra: reason))
            }
            let history = try department.decode([HistoryJSON].self, try await department.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            #expect(history.first { $0.action == "approve" }?.note?.contains("Đã đối chiếu bản chính giấy chứng nhận tại Trung tâm") == true)
            let desk = try await s.anonymous.signedIn("hcc.trakq")
            dossier = try #require(try await desk.transition(dossier.code, "return_result", version: dossier.version))
            #expect(dossier.status.code == 10)
            // the ward's officials never see it
            #expect(try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)").status == .notFound)
        }
    }
}

struct OfficialJSON: Decodable {
    let id: String
    let role: String
    let agencyId: String
}
