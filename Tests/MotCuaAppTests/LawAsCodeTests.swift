import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
@testable import MotCuaApp
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

/// Issue 8 over HTTP: provisional promised dates, the deadline explanation, the printable forms, status 6
/// and the recomputation once an official calendar is loaded.
@Suite("The law as code: deadlines, forms, payments")
struct LawAsCodeTests {
    /// Receives a marital-status certification (1.004873, 3 working days) at the ward.
    func receiveMaritalStatus(_ s: Scenario) async throws -> DossierJSON {
        let procedure = try s.anonymous.decode(ProcedureJSON.self, try await s.anonymous.call(.get, "/api/v1/procedures/1.004873").body)
        let body = #"{"procedureCode":"1.004873","agencyId":"\#(s.ward.id)","applicant":{"citizenId":"027203001234","fullName":"Nguyễn Văn Bình"},"channel":"counter","components":\#(procedure.citizenComponentsJSON)}"#
        let response = try await s.reception.call(.post, "/api/v1/dossiers", json: body)
        #expect(response.status == .created, "\(response.body)")
        return try s.reception.decode(DossierJSON.self, response.body)
    }

    struct Explanation: Decodable {
        struct Step: Decodable {
            let kind: String
            let date: String
            let source: String?
            let provisional: Bool
        }

        let computedDueAt: Date
        let dueAt: Date?
        let provisional: Bool
        let provisionalYears: [Int]
        let sources: [String]
        let steps: [Step]
    }

    struct Provisional: Decodable {
        let dueProvisional: Bool?
    }

    /// Receives a 1.004873 dossier on Thursday 31 Dec 2026 10:00, whose 3 working days reach into 2027.
    func withDossierReachingInto2027(
        _ backend: TestDatabase, _ body: @Sendable (Scenario, DossierJSON, AppConfiguration) async throws -> Void
    ) async throws {
        try await withApp(backend, clock: TestClock(vietnamTime(2026, 12, 31, 10))) { client, configuration in
            let s = try await Scenario(client)
            let dossier = try await receiveMaritalStatus(s)
            // Thursday 31 Dec not counted; Fri 1 Jan 2027 off (statutory); Mon 4, Tue 5, Wed 6 Jan.
            #expect(dossier.dueAt == vietnamTime(2027, 1, 6, 17))
            try await body(s, dossier, configuration)
        }
    }

    @Test("a dossier whose period reaches into 2027 is promised provisionally, explained step by step and printed as such", arguments: TestDatabase.backends)
    func provisionalAcrossTheYearBoundary(backend: TestDatabase) async throws {
        try await withDossierReachingInto2027(backend) { s, dossier, _ in
            let raw = try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)")
            #expect(try s.reception.decode(Provisional.self, raw.body).dueProvisional == true)

            let response = try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/deadline")
            #expect(response.status == .ok, "\(response.body)")
            let explanation = try s.reception.decode(Explanation.self, response.body)
            #expect(explanation.computedDueAt == vietnamTime(2027, 1, 6, 17) && explanation.dueAt == explanation.computedDueAt)
            #expect(explanation.provisional && explanation.provisionalYears == [2027])
            #expect(explanation.steps.contains { $0.kind == "skipped" && $0.date == "2027-01-01" && $0.provisional && $0.source?.contains("112") == true })
            #expect(explanation.sources.contains { $0.contains("147(2)") })

            let form = try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/forms/01")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(form.body.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))
            #expect(form.body.contains(dossier.code) && form.body.contains("TẠM TÍNH"))
            #expect(form.body.contains("17:00 ngày 06/01/2027"))
            #expect(form.body.contains(#"<link rel="stylesheet" href="http://127.0.0.1:8080/assets/forms.css">"#))
            let css = try await s.anonymous.call(.get, "/assets/forms.css")
            #expect(css.status == .ok && css.body.contains("@page { size: A4"))
            #expect(form.body.contains("/status?code="))
            // The QR code opens the public status page of this dossier, a page the site serves.
            let statusURL = "http://127.0.0.1:8080/status?code=" + dossier.code  // [0-9A-Z.-]: nothing to escape
            #expect(form.body.contains(try QRCode(text: statusURL).svg(moduleSize: 4, border: 4)), "QR of \(statusURL)")
            let statusPage = try await s.anonymous.call(.get, "/status?code=" + dossier.code)
            #expect(statusPage.status == .ok && statusPage.body.contains("status.js"))
            // Form 03 does not apply to a received dossier; an unknown form is refused by the contract.
            #expect(try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/forms/03").status == .conflict)
            #expect(try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/forms/09").status == .badRequest)
            // Nobody signed in sees nothing.
            #expect(try await s.anonymous.call(.get, "/api/v1/dossiers/\(dossier.code)/deadline").status == .unauthorized)
            #expect(try await s.anonymous.call(.get, "/api/v1/dossiers/\(dossier.code)/forms/01").status == .unauthorized)

            let register = try await s.reception.call(.get, "/api/v1/agencies/\(s.ward.id)/register?from=2026-12-01&to=2026-12-31")
            #expect(register.status == .ok, "\(register.body)")
            #expect(register.body.contains("SỔ THEO DÕI HỒ SƠ") && register.body.contains(dossier.code) && register.body.contains("hẹn trả tạm tính"))
            let tooLong = try await s.reception.call(.get, "/api/v1/agencies/\(s.ward.id)/register?from=2026-01-01&to=2026-12-31")
            #expect(tooLong.status == .unprocessableContent)
            #expect(try await s.reception.call(.get, "/api/v1/agencies/so-tu-phap/register?from=2026-12-01&to=2026-12-31").status == .notFound)
        }
    }

    @Test("status 6: the specialist asks for payment (clock paused), the payment is recorded (clock resumed)", arguments: TestDatabase.backends)
    func paymentRequestedAndRecorded(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, _ in
            let s = try await Scenario(client)
            var dossier = try await receiveMaritalStatus(s)
            #expect(dossier.dueAt == vietnamTime(2026, 12, 10, 17))
            dossier = try #require(try await s.reception.transition(dossier.code, "assign", version: 2, extra: #","assigneeId":"kinhbac.chuyenvien""#))
            // The reason is required, and the amount is bounded.
            try await s.specialist.transition(dossier.code, "request_payment", version: 3, expect: .unprocessableContent)
            try await s.specialist.transition(
                dossier.code, "request_payment", version: 3, extra: #","reason":"Lệ phí","amountVND":-5"#, expect: .unprocessableContent)
            // The leader may not ask for payment.
            try await s.leader.transition(dossier.code, "request_payment", version: 3, extra: #","reason":"Lệ phí""#, expect: .forbidden)
            dossier = try #require(
                try await s.specialist.transition(dossier.code, "request_payment", version: 3, extra: #","reason":"Nộp lệ phí cấp giấy xác nhận","amountVND":10000"#))
            #expect(dossier.status.code == 6 && dossier.status.name == "payment_requested")
            // While the applicant pays, the promised date cannot pass for the administration.
            clock.set(vietnamTime(2026, 12, 7, 16))
            #expect(!dossier.overdue)
            dossier = try #require(try await s.reception.transition(dossier.code, "record_payment", version: 4, extra: #","note":"Biên lai số 0012""#))
            #expect(dossier.status.name == "in_process")
            // Paused Mon 7 Dec 09:00 with 1,830 office minutes left; resumed 16:00 the same day: those 1,830
            // minutes run from 16:00, so the date moves by the 330 office minutes paused, to Fri 11 Dec 14:30.
            #expect(dossier.dueAt == vietnamTime(2026, 12, 11, 14, 30))
            let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            #expect(history.suffix(2).map(\.action) == ["request_payment", "record_payment"])
        }
    }

    @Test("loading an official 2027 calendar recomputes the provisional promised dates at start-up, with a history entry", arguments: TestDatabase.backends)
    func recomputedWhenTheNoticeArrives(backend: TestDatabase) async throws {
        try await withDossierReachingInto2027(backend) { s, dossier, configuration in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-cal-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Data(
                """
                { "year": 2027, "status": "official", "version": 1, "source": "hypothetical notice (test only)",
                  "daysOff": [
                    { "date": "2027-01-01", "nameVi": "Tết Dương lịch", "nameEn": "New Year's Day", "source": "test" },
                    { "date": "2027-01-04", "nameVi": "Nghỉ thêm (giả định)", "nameEn": "Extra day (hypothetical)", "source": "test" } ],
                  "workedDays": [] }
                """.utf8
            ).write(to: directory.appendingPathComponent("vn-2027-official.json"))
            var restarted = configuration
            restarted.calendarDirectory = directory.path
            let changed = try await Platform.withPlatform(restarted, logger: Logger(label: "test")) { platform in
                try await ProvisionalDueDates(reference: platform.reference, dossiers: platform.dossiers, logger: platform.logger)
                    .recompute(at: vietnamTime(2027, 1, 2, 8))
            }
            #expect(changed == 1)
            let after = try await Platform.withPlatform(restarted, logger: Logger(label: "test")) { platform in
                try await platform.dossiers.find(code: dossier.code)
            }
            #expect(after?.dueAt == vietnamTime(2027, 1, 7, 17))
            #expect(after?.dueProvisional == false)
            let history = try s.reception.decode([HistoryJSON].self, try await s.reception.call(.get, "/api/v1/dossiers/\(dossier.code)/history").body)
            let last = try #require(history.last)
            #expect(last.action == "recompute_due_date" && last.actorId == "system:calendar")
            // A second start changes nothing.
            let again = try await Platform.withPlatform(restarted, logger: Logger(label: "test")) { platform in
                try await ProvisionalDueDates(reference: platform.reference, dossiers: platform.dossiers, logger: platform.logger)
                    .recompute(at: vietnamTime(2027, 1, 2, 8))
            }
            #expect(again == 0)
        }
    }
}

/// `motcua rules explain` (its logic, `RulesExplainer`, over the bundled reference data).
@Suite("motcua rules explain")
struct RulesExplainTests {
    @Test("28 Dec 2026 16:10 with a 10-working-day procedure: promised Tue 12 Jan 2027 17:00, provisional, every step printed")
    func reproducesTheDoneWhenExample() throws {
        let explainer = try RulesExplainer(configuration: AppConfiguration())
        let result = try explainer.explain(procedureCode: "BN-DD-02", received: "2026-12-28T16:10", agencyID: "so-nong-nghiep-moi-truong")
        #expect(result.explanation.dueAt == vietnamTime(2027, 1, 12, 17))
        let text = result.explanation.rendered(procedure: result.procedure.code)
        #expect(text.contains("2026-12-28 16:10"))
        #expect(text.contains("2027-01-01 skipped: Không tính: Tết Dương lịch"))
        #expect(text.contains("Ngày hẹn trả / promised: 2027-01-12 17:00"))
        #expect(text.contains("Civil Code 2015 art. 147(2)"))
        #expect(text.contains("PROVISIONAL"))
    }

    @Test("the linked bundle after 15:00 counts from the next working day, and says so with the decree")
    func bundleOverride() throws {
        let explainer = try RulesExplainer(configuration: AppConfiguration())
        let result = try explainer.explain(procedureCode: "BN-LT-01", received: "2026-03-09T15:30", agencyID: nil)
        #expect(result.explanation.dueAt == vietnamTime(2026, 3, 13, 17))
        #expect(result.explanation.steps.contains { $0.kind == .cutOff && $0.source?.contains("63/2024") == true })
    }

    @Test("bad options are named: unknown procedure, malformed time, agency of the wrong level")
    func badInput() throws {
        let explainer = try RulesExplainer(configuration: AppConfiguration())
        for (procedure, received, agency, option) in [
            ("9.999999", "2026-12-28T16:10", nil, "--procedure"), ("1.004873", "2026-12-28 16:10", nil, "--received"),
            ("1.004873", "2026-12-28T25:10", nil, "--received"), ("1.004873", "2026-12-28T16:10", "so-tu-phap", "--agency"),
            ("1.004873", "2026-12-28T16:10", "nowhere", "--agency"),
        ] as [(String, String, String?, String)] {
            let error = #expect(throws: RulesExplainer.InputError.self) {
                try explainer.explain(procedureCode: procedure, received: received, agencyID: agency)
            }
            #expect(error?.description.hasPrefix(option) == true, "\(procedure) \(received) \(agency ?? "-")")
        }
    }
}

/// Start-up refuses reference data that breaks the rules, naming the file, the entry and the reason.
@Suite("Start-up stops on bad calendar and catalogue data")
struct BadReferenceDataTests {
    func startUp(withCalendarFile name: String, _ json: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(json.utf8).write(to: directory.appendingPathComponent(name))
        var configuration = AppConfiguration()
        configuration.calendarDirectory = directory.path
        let error = #expect(throws: ReferenceDataError.self) { try RulesExplainer(configuration: configuration) }
        return error?.description ?? ""
    }

    @Test("a second file claiming version 1 of 2026 overlaps the bundled one")
    func overlappingVersion() throws {
        let message = try startUp(
            withCalendarFile: "vn-2026-again.json",
            #"{ "year": 2026, "status": "official", "version": 1, "source": "x", "daysOff": [ { "date": "2026-11-24", "nameVi": "Ngày Văn hóa Việt Nam", "nameEn": "Culture Day", "source": "x" } ] }"#)
        #expect(message.contains("vn-2026-again.json") && message.contains("version 1 of 2026 is also declared by") && message.contains("vn-2026.json"))
    }

    @Test("an unknown field, a holiday outside the year and an entry without a source each stop start-up with the entry")
    func badEntries() throws {
        let unknown = try startUp(
            withCalendarFile: "vn-2026-x.json",
            #"{ "year": 2026, "status": "official", "version": 2, "source": "x", "daysOff": [ { "date": "2026-11-24", "nameVi": "A", "nameEn": "A", "source": "x", "offical": true } ] }"#)
        #expect(unknown.contains("vn-2026-x.json") && unknown.contains("daysOff[0] (2026-11-24)") && unknown.contains("unknown field 'offical'"))
        let outside = try startUp(
            withCalendarFile: "vn-2026-y.json",
            #"{ "year": 2026, "status": "official", "version": 2, "source": "x", "daysOff": [ { "date": "2027-11-24", "nameVi": "A", "nameEn": "A", "source": "x" } ] }"#)
        #expect(outside.contains("daysOff[0] (2027-11-24)") && outside.contains("not in the file's year 2026"))
        let unsourced = try startUp(
            withCalendarFile: "vn-2026-z.json",
            #"{ "year": 2026, "status": "official", "version": 2, "source": "x", "daysOff": [ { "date": "2026-11-24", "nameVi": "A", "nameEn": "A" } ] }"#)
        #expect(unsourced.contains("daysOff[0] (2026-11-24)") && unsourced.contains("source is missing"))
    }

    @Test("a catalogue time limit without a unit stops start-up naming the entry")
    func timeLimitWithoutUnit() throws {
        let procedure: [String: Any] = [
            "code": "1.001193", "nameVi": "Đăng ký khai sinh", "nameEn": "Birth registration", "sector": "civil_status",
            "sectorNameVi": "Hộ tịch", "sectorNameEn": "Civil status", "level": "commune", "onlineLevel": "full",
            "timeLimit": ["value": 3], "fee": ["amountVND": 0], "components": [], "process": [],
        ]
        let data = try JSONSerialization.data(withJSONObject: ["source": "x", "procedures": [procedure]])
        let error = #expect(throws: CatalogueError.self) { try ProcedureCatalogue.load(files: [("civil-status.json", data)], agencyIDs: []) }
        #expect(error?.description.contains("civil-status.json: procedures[0]") == true)
        #expect(error?.description.contains("timeLimit.unit") == true)
    }
}
