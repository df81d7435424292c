import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

/// Group 5 by hand: the index test's November dossiers (SQLIndexRepositoryTests: 8 received, 3 overdue), a dislike
/// rating and petitions with known dates, counted from the new tables and scored with the shipped configuration.
@Suite("Ratings and complaints/petitions: storage and group 5")
struct SQLSatisfactionRepositoryTests {
    typealias Index = SQLIndexRepositoryTests
    static let now = Index.now

    static func rules() throws -> SatisfactionRules {
        try SatisfactionRules.load(try Data(contentsOf: Fixtures.resources.appendingPathComponent("satisfaction/satisfaction-rules.json")))
    }

    static func calendar() throws -> WorkingCalendar {
        try ReferenceData.load(root: Fixtures.resources, calendarDirectory: nil).calendar
    }

    static func petition(_ id: String, agency: String, _ category: PetitionCategory, dossier: String? = nil, received: Date) throws -> Petition {
        Petition(
            id: id, agencyID: agency, category: category, dossierCode: dossier, citizenID: "027090001234", content: "Nội dung \(id)",
            receivedAt: received, limits: try rules().timeLimits, calendar: try calendar())
    }

    static func step(_ petition: Petition, _ action: PetitionAction, at: Date, on repository: SQLSatisfactionRepository) async throws -> Petition {
        let next = try PetitionWorkflow.apply(action, to: petition, at: at, limits: try rules().timeLimits, calendar: try calendar())
        try await repository.update(next, from: petition, action: action.name, actorID: "officer", actorRole: "specialist", note: action.note, at: at)
        return next
    }

    @Test("Deadlines are working days from receipt, ending at the close of office hours; weekends do not count")
    func deadlines() throws {
        // Tuesday 3 Nov 2026, 09:00: 2 working days → Thu 5 Nov; 5 → Tue 10 Nov; 15 → Tue 24 Nov (no holiday in November).
        let p = try Self.petition("P", agency: "a", .procedure, received: Index.vn(11, 3, 9))
        #expect(p.refusalDueAt == Index.vn(11, 5, 17))
        #expect(p.supplementDueAt == Index.vn(11, 10, 17))
        #expect(p.handlingDueAt == Index.vn(11, 24, 17))
        #expect(p.isOnTime(at: Index.vn(11, 24, 17)))
        #expect(!p.isOnTime(at: Index.vn(11, 24, 17, 1)))
        // Refused on day 3: late; a supplement request after day 5 makes the petition late whatever follows.
        let refusedLate = try PetitionWorkflow.apply(.refuse(reason: "r"), to: p, at: Index.vn(11, 6, 9), limits: try Self.rules().timeLimits, calendar: try Self.calendar())
        #expect(!refusedLate.isOnTime(at: Self.now))
        let askedLate = try PetitionWorkflow.apply(.requestSupplement(reason: "r"), to: p, at: Index.vn(11, 11, 9), limits: try Self.rules().timeLimits, calendar: try Self.calendar())
        #expect(!askedLate.isOnTime(at: Index.vn(11, 12)))
        // Steps the status does not allow are refused.
        #expect(throws: SatisfactionError.wrongStatus(action: "publish", status: .submitted)) {
            try PetitionWorkflow.apply(.publish(summary: "tóm tắt đủ dài"), to: p, at: Self.now, limits: try Self.rules().timeLimits, calendar: try Self.calendar())
        }
    }

    @Test("A dislike rating and petitions move 5.1–5.4 exactly as computed by hand; duplicates, stale versions and edits of history are refused", arguments: TestDatabase.backends)
    func groupFive(backend: TestDatabase) async throws {
        let period = try IndexPeriod.parse(period: "2026-11", from: nil, to: nil, now: Self.now)
        let configuration = try Index.configuration()
        let rules = try Self.rules()
        @Sendable func group5(_ dossiers: IndexCounts, _ counts: SatisfactionCounts) -> GroupScore {
            IndexEngine.score(configuration, inputs: counts.inputs(dossiers: dossiers, rules: rules)).groups[4]
        }
        try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.write(lane: "test") { try await Index.insertFacts(on: $0) }
            let index = SQLIndexRepository(store: store)
            let repository = SQLSatisfactionRepository(store: store)
            let dossiers = try await index.counts(start: period.start, end: period.end, now: Self.now, agencies: nil)
            #expect(dossiers.received == 8 && dossiers.overdue == 3)

            // Nothing yet: 5.4 = 100% − 3/8 = 62.5% → 62.5 ÷ 90 × 4.5 = 3.125 points; 5.2, 5.3 have no petitions.
            let empty = try await repository.counts(start: period.start, end: period.end, now: Self.now, agencies: nil)
            #expect(empty == SatisfactionCounts())
            let before = group5(dossiers, empty)
            #expect(abs((before.indicators[3].points ?? 0) - 3.125) < 1e-9)
            #expect(before.indicators[1].state == .noData && before.indicators[0].state == .noData)

            // D01 (returned) rated "Không hài lòng": one complained dossier → 100% − 3/8 − 1/8 = 50% → 2.5 points.
            let dislike = DossierRating(
                dossierCode: "D01", agencyID: Index.a, level: .dissatisfied, comment: nil, channel: .online, recordedBy: "citizen", ratedAt: Index.vn(11, 5))
            try await repository.record(dislike)
            await #expect(throws: SatisfactionError.alreadyRated(code: "D01")) {
                try await repository.record(DossierRating(
                    dossierCode: "D01", agencyID: Index.a, level: .verySatisfied, comment: nil, channel: .counter, recordedBy: "officer", ratedAt: Index.vn(11, 6)))
            }
            try await repository.record(DossierRating(
                dossierCode: "D05", agencyID: Index.a, level: .verySatisfied, comment: "Tốt", channel: .counter, recordedBy: "officer", ratedAt: Index.vn(11, 13)))
            #expect(try await repository.rating(dossierCode: "D01") == dislike)
            let afterRating = try await repository.counts(start: period.start, end: period.end, now: Self.now, agencies: nil)
            #expect(afterRating.complainedDossiers == 1)
            #expect(abs((group5(dossiers, afterRating).indicators[3].points ?? 0) - 2.5) < 1e-9)

            // P1 about D03 (agency a, procedures): answered on day 5 and published the next day, the filer dissatisfied: on time.
            var p1 = try Self.petition("P1", agency: Index.a, .procedure, dossier: "D03", received: Index.vn(11, 3, 9))
            try await repository.create(p1, actorID: "citizen", actorRole: "citizen")
            p1 = try await Self.step(p1, .answer(text: "Đã xử lý"), at: Index.vn(11, 10, 9), on: repository)
            p1 = try await Self.step(p1, .publish(summary: "Hỏi về thời hạn giải quyết"), at: Index.vn(11, 11, 9), on: repository)
            p1 = try await Self.step(p1, .feedback(satisfied: false), at: Index.vn(11, 12, 9), on: repository)
            // P2 (agency a, conduct) received 2 Nov, never handled: due 23 Nov, overdue on 10 Dec.
            try await repository.create(try Self.petition("P2", agency: Index.a, .conduct, received: Index.vn(11, 2, 9)), actorID: "citizen", actorRole: "citizen")
            // P3 (agency b, regulations) refused the next working day: on time.
            let p3 = try Self.petition("P3", agency: Index.b, .regulation, received: Index.vn(11, 4, 9))
            try await repository.create(p3, actorID: "citizen", actorRole: "citizen")
            _ = try await Self.step(p3, .refuse(reason: "Không thuộc thẩm quyền"), at: Index.vn(11, 5, 10), on: repository)
            // P4 received in October: outside the period.
            try await repository.create(try Self.petition("P4", agency: Index.a, .procedure, received: Index.vn(10, 20, 9)), actorID: "citizen", actorRole: "citizen")

            // A step on a stale version writes nothing.
            await #expect(throws: SatisfactionError.staleVersion) {
                try await repository.update(p3, from: p3, action: "refuse", actorID: "x", actorRole: "specialist", note: nil, at: Self.now)
            }
            #expect(try await repository.history(petitionID: "P1").map(\.action) == ["file", "answer", "publish", "feedback"])
            #expect(try await repository.history(petitionID: "P1").map(\.statusAfter) == ["submitted", "answered", "published", "published"])
            #expect(try await repository.published(limit: 10, offset: 0).map(\.id) == ["P1"])

            let counts = try await repository.counts(start: period.start, end: period.end, now: Self.now, agencies: nil)
            // 3 petitions (P1–P3), one per category; on time P1, P3; dissatisfied P1; complained dossiers D01 (dislike), D03 (P1).
            #expect(counts.petitions == 3)
            #expect(counts.byCategory == [.procedure: 1, .conduct: 1, .regulation: 1])
            #expect(counts.onTime == 2 && counts.overdue == 1)
            #expect(counts.dissatisfied == 1)
            #expect(counts.complainedDossiers == 2)
            let after = group5(dossiers, counts)
            #expect(after.indicators[0].state == .informational && after.indicators[0].numerator == 3)
            // 5.2: 2 ÷ 3 × 4.5 = 3. 5.3: (3 − 1 − 1) ÷ 3 × 4.5 = 1.5. 5.4: 100% − 3/8 − 2/8 = 37.5% → 37.5 ÷ 90 × 4.5 = 1.875.
            #expect(abs((after.indicators[1].points ?? 0) - 3) < 1e-9)
            #expect(abs((after.indicators[2].points ?? 0) - 1.5) < 1e-9)
            #expect(abs((after.indicators[3].points ?? 0) - 1.875) < 1e-9)
            #expect(abs(after.points - 6.375) < 1e-9)
            #expect(after.scoredMaxPoints == 13.5)

            let byAgency = try await repository.countsByAgency(start: period.start, end: period.end, now: Self.now)
            #expect(byAgency[Index.a]?.petitions == 2 && byAgency[Index.a]?.onTime == 1 && byAgency[Index.a]?.complainedDossiers == 2)
            #expect(byAgency[Index.b]?.petitions == 1 && byAgency[Index.b]?.onTime == 1 && byAgency[Index.b]?.complainedDossiers == 0)
            let onlyB = try await repository.counts(start: period.start, end: period.end, now: Self.now, agencies: [Index.b])
            #expect(onlyB.petitions == 1 && onlyB.complainedDossiers == 0)

            // Ratings and petition history are append-only in the engine itself.
            await #expect(throws: (any Error).self) {
                try await store.write(lane: "test") { try await $0.raw("UPDATE dossier_ratings SET level = 5").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.write(lane: "test") { try await $0.raw("DELETE FROM petition_history").run() }
            }
            #expect(try await repository.rating(dossierCode: "D01")?.level == .dissatisfied)
        }
    }
}
