import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@testable import MotCuaApp

/// The operations centre and the monthly report over hand-built dossiers at the ward, with known receipts,
/// dates, steps and histories; the expected figures are worked out in the comments. Now: Mon 7 Dec 2026 09:00.
@Suite("Operations centre and monthly report over HTTP")
struct OperationsAPITests {
    struct EntryJSON: Decodable {
        let code: String
        let step: String
        let handlerName: String?
        let predictedEnd: Date?
    }

    struct SnapshotJSON: Decodable {
        struct Channel: Decodable { let channel: String; let count: Int }
        struct Step: Decodable { let step: String; let open: Int; let paused: Int; let overdue: Int }
        struct Accuracy: Decodable {
            let forecasts: Int
            let truePositives: Int
            let falsePositives: Int
            let falseNegatives: Int
            let trueNegatives: Int
            let precision: Double?
            let recall: Double?
            let modelSamples: Int
        }
        struct Day: Decodable { let day: String; let received: Int; let onTime: Int }
        struct Ranked: Decodable { let rank: Int; let agencyId: String; let received: Int; let onTime: Int }
        let scopeKind: String
        let agencyId: String?
        let receivedToday: [Channel]
        let steps: [Step]
        let dueToday: [EntryJSON]
        let overdue: [EntryJSON]
        let overdueTotal: Int
        let predictedLate: [EntryJSON]
        let unforecast: Int
        let forecastAccuracy: Accuracy
        let trend: [Day]
        let month: String
        let ranking: [Ranked]
    }

    static func vn(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date { vietnamTime(2026, month, day, hour, minute) }

    /// A dossier row and its history: (at, status after, step after) per event.
    struct Built: Sendable {
        let code: String
        let channel: String
        let status: Int
        let step: String
        let received: Date
        let due: Date
        var ended: Date?
        var paused: Date?
        var handled = false
        let events: [(Date, Int, String)]
    }

    /// F1–F3, received in October, finished after 48, 72 and 96 hours from entering appraisal: the backtest's
    /// model (received before 7 Nov 09:00) gives a median of 72 h at appraisal. R1–R3, received in the last 30
    /// days: R1 due after 24 h, ended after 48 h (late; forecast 72 h: late, a true positive); R2 due after 7 days,
    /// ended after 1 (forecast on time: a true negative); R3 due after 24 h, ended after 12 h (forecast late: a
    /// false alarm). Precision 1/2, recall 1/1. The live model takes all six: 12, 24, 48, 48, 72, 96 h, median 48 h.
    ///
    /// Open: O1 in appraisal, due 5 Dec 17:00 (overdue, handled by the ward's specialist); O2 received today at the
    /// counter, in approval (no finished dossier measured there: not forecast), due today 16:00; O3 in appraisal
    /// since 6 Dec 10:00, due 8 Dec 08:00 (10:00 + 48 h is after it: will be late); O4 received online today, due
    /// 20 Dec (on track); O5 waiting for a supplement since 3 Dec, due 10 Dec (paused, not overdue).
    static let dossiers: [Built] = {
        func finished(_ code: String, received: Date, dueHours: Double, endedHours: Double) -> Built {
            Built(
                code: code, channel: "counter", status: 10, step: "delivery", received: received, due: received.addingTimeInterval(dueHours * 3600),
                ended: received.addingTimeInterval(endedHours * 3600),
                events: [(received, 4, "appraisal"), (received.addingTimeInterval(endedHours * 3600), 10, "delivery")])
        }
        return [
            finished("F1", received: vn(10, 1, 8), dueHours: 240, endedHours: 48),
            finished("F2", received: vn(10, 2, 8), dueHours: 240, endedHours: 72),
            finished("F3", received: vn(10, 5, 8), dueHours: 240, endedHours: 96),
            finished("R1", received: vn(11, 20, 8), dueHours: 24, endedHours: 48),
            finished("R2", received: vn(11, 23, 8), dueHours: 168, endedHours: 24),
            finished("R3", received: vn(11, 25, 8), dueHours: 24, endedHours: 12),
            Built(code: "O1", channel: "counter", status: 4, step: "appraisal", received: vn(11, 28, 8), due: vn(12, 5, 17), handled: true,
                  events: [(vn(11, 28, 8), 2, "receipt"), (vn(12, 1, 8), 4, "appraisal")]),
            Built(code: "O2", channel: "counter", status: 4, step: "approval", received: vn(12, 7, 7), due: vn(12, 7, 16),
                  events: [(vn(12, 7, 7), 4, "appraisal"), (vn(12, 7, 8, 30), 4, "approval")]),
            Built(code: "O3", channel: "counter", status: 4, step: "appraisal", received: vn(12, 4, 8), due: vn(12, 8, 8),
                  events: [(vn(12, 4, 8), 2, "receipt"), (vn(12, 6, 10), 4, "appraisal")]),
            Built(code: "O4", channel: "online", status: 4, step: "appraisal", received: vn(12, 7, 8), due: vn(12, 20, 8),
                  events: [(vn(12, 7, 8), 4, "appraisal")]),
            Built(code: "O5", channel: "counter", status: 5, step: "appraisal", received: vn(12, 1, 8), due: vn(12, 10, 8), paused: vn(12, 3, 8),
                  events: [(vn(12, 1, 8), 4, "appraisal"), (vn(12, 3, 8), 5, "appraisal")]),
        ]
    }()

    static func insert(_ dossiers: [Built], agency: String, on database: any SQLDatabase) async throws {
        let specialist = try await database.raw("SELECT id FROM officials WHERE username = 'kinhbac.chuyenvien'").first()?
            .decode(column: "id", as: String.self)
        let ms = HashChain.milliseconds
        for d in dossiers {
            let details = #"{"formData":{},"stepDeadlines":{},"components":[]}"#
            try await database.raw(
                """
                INSERT INTO dossiers (id, code, procedure_code, agency_id, receiving_agency_id, applicant_id, applicant_name, channel, \
                status, step, handler_id, submitted_at, received_at, due_at, finished_at, returned_at, paused_at, supplement_requests, \
                counts_as_late, extensions, version, history_head, details) VALUES (\(bind: "id-" + d.code), \(bind: d.code), 'P1', \
                \(bind: agency), \(bind: agency), '027090001234', 'Nguyễn Văn An', \(bind: d.channel), \(bind: d.status), \(bind: d.step), \
                \(bind: d.handled ? specialist : nil), \(bind: ms(d.received)), \(bind: ms(d.received)), \(bind: ms(d.due)), \
                \(bind: d.ended.map(ms)), \(bind: d.ended.map(ms)), \(bind: d.paused.map(ms)), 0, 0, 0, 1, 'head', \(bind: details))
                """
            ).run()
            for (seq, event) in d.events.enumerated() {
                try await database.raw(
                    """
                    INSERT INTO dossier_history (dossier_id, seq, action, actor_id, actor_role, actor_agency_id, at, status_before, \
                    status_after, step_before, step_after, note, previous_hash, hash) VALUES (\(bind: "id-" + d.code), \(bind: seq + 1), \
                    'test', 'tester', 'specialist', \(bind: agency), \(bind: ms(event.0)), NULL, \(bind: event.1), NULL, \(bind: event.2), \
                    NULL, 'prev', \(bind: "hash-\(d.code)-\(seq)"))
                    """
                ).run()
            }
        }
    }

    static func prepare(_ platform: Platform) async throws {
        _ = try await DemoSeeder(platform: platform).seed()
        let ward = try #require(platform.reference.agencies.agencies.first { $0.administrativeCode == "09187" })
        try await platform.store.write(lane: "test") { database in try await insert(dossiers, agency: ward.id, on: database) }
    }

    @Test("Received today, in progress, due today, overdue, forecast late with its backtest, trend and ranking: exact figures", arguments: TestDatabase.backends)
    func exactFigures(backend: TestDatabase) async throws {
        let clock = TestClock(Self.vn(12, 7, 9))
        try await withApp(backend, clock: clock, prepare: Self.prepare) { client, _ in
            let s = try await Scenario(client)
            let response = try await s.leader.call(.get, "/api/v1/operations")
            #expect(response.status == .ok, "\(response.body)")
            let snapshot = try s.leader.decode(SnapshotJSON.self, response.body)
            #expect(snapshot.scopeKind == "agency" && snapshot.agencyId == s.ward.id)
            #expect(snapshot.receivedToday.map { "\($0.channel)=\($0.count)" } == ["counter=1", "online=1", "postal=0"])
            let appraisal = try #require(snapshot.steps.first { $0.step == "appraisal" })
            #expect((appraisal.open, appraisal.paused, appraisal.overdue) == (4, 1, 1))
            #expect(snapshot.steps.first { $0.step == "approval" }?.open == 1)
            #expect(snapshot.overdue.map(\.code) == ["O1"])
            #expect(snapshot.overdue.first?.handlerName?.hasPrefix("Trần Văn Minh") == true)
            #expect(snapshot.dueToday.map(\.code) == ["O2"])
            #expect(snapshot.predictedLate.map(\.code) == ["O3"])
            // 6 Dec 10:00 + the live median of 48 h.
            #expect(snapshot.predictedLate.first?.predictedEnd == Self.vn(12, 8, 10))
            #expect(snapshot.unforecast == 1)
            let accuracy = snapshot.forecastAccuracy
            #expect((accuracy.truePositives, accuracy.falsePositives, accuracy.falseNegatives, accuracy.trueNegatives) == (1, 1, 0, 1))
            #expect(accuracy.precision == 0.5 && accuracy.recall == 1)
            #expect(accuracy.modelSamples == 6)
            // Received in the last 30 days (8 Nov to 7 Dec): R1–R3, O1–O5; today O2 and O4, both still on time.
            #expect(snapshot.trend.count == 30)
            #expect(snapshot.trend.map(\.received).reduce(0, +) == 8)
            #expect(snapshot.trend.last.map { ($0.day, $0.received, $0.onTime) } ?? ("", 0, 0) == ("2026-12-07", 2, 2))
            // December at the ward: O2–O5, all on time as of now.
            #expect(snapshot.month == "2026-12")
            let ward = try #require(snapshot.ranking.first { $0.agencyId == s.ward.id })
            #expect((ward.rank, ward.received, ward.onTime) == (1, 4, 4))

            let panel = try await s.leader.call(.get, "/api/v1/operations/panel")
            #expect(panel.status == .ok)
            #expect(panel.body.contains("<svg") && panel.body.contains("data-testid=\"overdue\">1<"))
            #expect(!panel.body.contains("<script") && !panel.body.contains("style="))
            #expect(!panel.body.contains("Nguyễn Văn An") && !panel.body.contains("027090001234"))
            let csv = try await s.leader.call(.get, "/api/v1/operations/export.csv?table=predicted-late")
            #expect(csv.status == .ok)
            #expect(csv.body.hasPrefix("code,agency_id") && csv.body.contains("O3,") && !csv.body.contains("O1,"))

            // O2's date passes at 16:00: a second later it is overdue and no longer due today.
            clock.set(Self.vn(12, 7, 16, 0).addingTimeInterval(1))
            let later = try s.leader.decode(SnapshotJSON.self, try await s.leader.call(.get, "/api/v1/operations").body)
            #expect(later.overdue.map(\.code) == ["O1", "O2"])
            #expect(later.dueToday.isEmpty)

            // The province's monitor sees the province (the same dossiers, all at the ward).
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            let province = try monitor.decode(SnapshotJSON.self, try await monitor.call(.get, "/api/v1/operations").body)
            #expect(province.scopeKind == "province" && province.overdueTotal == 2)
        }
    }

    @Test("The monthly report: the unit's scores, on time and late, the late dossiers; printable and as CSV", arguments: TestDatabase.backends)
    func monthlyReport(backend: TestDatabase) async throws {
        try await withApp(backend, clock: TestClock(Self.vn(12, 7, 9)), prepare: Self.prepare) { client, _ in
            let s = try await Scenario(client)
            // November at the ward: R1 (ended after its date), R2, R3 (on time), O1 (overdue): 4 received, 2 late.
            let page = try await s.leader.call(.get, "/api/v1/reports/monthly?period=2026-11")
            #expect(page.status == .ok, "\(page.body)")
            #expect(page.body.contains("data-testid=\"report-late\">2<"))
            #expect(page.body.contains("R1") && page.body.contains("O1") && !page.body.contains("Nguyễn Văn An"))
            #expect(page.body.contains("/assets/report.css"))
            let units = try await s.leader.call(.get, "/api/v1/reports/monthly.csv?period=2026-11&table=units")
            #expect(units.body.contains("2026-11,\(s.ward.id),"))
            #expect(units.body.contains(",4,2,2,0.5,"))
            let late = try await s.leader.call(.get, "/api/v1/reports/monthly.csv?period=2026-11&table=overdue")
            #expect(late.body.split(separator: "\r\n").count == 3)
            // Auditors read the report, not the operations centre.
            let auditor = try await s.anonymous.signedIn("hcc.thanhtra")
            #expect(try await auditor.call(.get, "/api/v1/reports/monthly?period=2026-11").status == .ok)
            #expect(try await auditor.call(.get, "/api/v1/operations").status == .forbidden)
        }
    }

    @Test("Bad input gets a precise 4xx: unknown agency, bad month, unknown table; out of scope 404; no sign-in 401", arguments: TestDatabase.backends)
    func badInput(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            for (path, field) in [
                ("/api/v1/operations?agency=xa-00000", "agency"),
                ("/api/v1/operations/panel?agency=xa-00000", "agency"),
                ("/api/v1/reports/monthly?period=2026-13", "period"),
                ("/api/v1/reports/monthly?period=2026-Q4", "period"),
                ("/api/v1/reports/monthly?period=2026", "period"),
                ("/api/v1/reports/monthly.csv?period=2026-11&table=units&agency=nope", "agency"),
            ] {
                let response = try await monitor.call(.get, path)
                #expect(response.status.code == 422, "\(path): \(response.body)")
                #expect(try monitor.decode(ProblemJSON.self, response.body).field == field, "\(path): \(response.body)")
            }
            let table = try await monitor.call(.get, "/api/v1/operations/export.csv?table=nope")
            #expect(table.status.code == 400 || table.status.code == 422, "\(table.body)")
            let centre = try #require(try await IndexAPITests.centreID(monitor))
            #expect(try await s.leader.call(.get, "/api/v1/operations?agency=\(centre)").status == .notFound)
            #expect(try await s.anonymous.call(.get, "/api/v1/operations").status == .unauthorized)
            #expect(try await s.reception.call(.get, "/api/v1/operations").status == .forbidden)
            let page = try await s.anonymous.call(.get, "/dieu-hanh")
            #expect(page.status == .ok && page.body.contains("/assets/ops.js"))
        }
    }
}
