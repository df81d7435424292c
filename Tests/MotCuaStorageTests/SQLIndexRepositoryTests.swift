import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

/// Hand-computed index cases: a handful of dossiers with known receipt, deadline, end, channel, supplement,
/// result, scan, reuse and registry facts, counted by the SQL aggregation and scored by the engine with the
/// shipped configuration. The expected figures are worked out in the comments.
@Suite("Decision 766 index aggregation")
struct SQLIndexRepositoryTests {
    static func vn(_ month: Int, _ day: Int, _ hour: Int = 8, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = IndexPeriod.vietnamTime
        return calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
    }

    struct Fact {
        let code: String
        let agency: String
        let channel: String
        let status: Int
        let received: Date
        var due: Date?
        var finished: Date?
        var returned: Date?
        var paused: Date?
        var countsAsLate = false
        var componentState = "provided"
        var procedure = "P1"
    }

    static let a = "commune-a", b = "commune-b"
    static let now = vn(12, 10)

    /// 1 on time (returned before its date; signed result and a scan; a reused component)
    /// 2 late (done after its date)              3 in progress, date ahead: on time (component from the registry)
    /// 4 in progress, date passed: late          5 returned in time but two supplement requests: late (signed
    ///                                              result, no scan; a registry look-up for it)
    /// 6 stopped before its date: on time        7 waiting for a supplement, paused before its date: on time
    /// 8 withdrawn: left out                     9 received in October: outside the period
    /// 10 received 30 Nov 23:30 Vietnam time, no date: inside, on time; 11 received 1 Dec 00:30: outside.
    static let facts: [Fact] = [
        Fact(code: "D01", agency: a, channel: "counter", status: 10, received: vn(11, 2), due: vn(11, 5), finished: vn(11, 4), returned: vn(11, 4), componentState: "reused"),
        Fact(code: "D02", agency: a, channel: "online", status: 9, received: vn(11, 3), due: vn(11, 6), finished: vn(11, 10)),
        Fact(code: "D03", agency: a, channel: "online", status: 4, received: vn(11, 20), due: vn(12, 20), componentState: "from_registry"),
        Fact(code: "D04", agency: a, channel: "counter", status: 4, received: vn(11, 21), due: vn(11, 28)),
        Fact(code: "D05", agency: a, channel: "online", status: 10, received: vn(11, 5), due: vn(11, 20), finished: vn(11, 12), returned: vn(11, 12), countsAsLate: true),
        Fact(code: "D06", agency: b, channel: "counter", status: 8, received: vn(11, 6), due: vn(11, 10), finished: vn(11, 9)),
        Fact(code: "D07", agency: b, channel: "counter", status: 5, received: vn(11, 7), due: vn(11, 12), paused: vn(11, 10)),
        Fact(code: "D08", agency: a, channel: "counter", status: 7, received: vn(11, 8), due: vn(11, 12)),
        Fact(code: "D09", agency: a, channel: "counter", status: 10, received: vn(10, 30), due: vn(11, 3), finished: vn(11, 2), returned: vn(11, 2)),
        Fact(code: "D10", agency: b, channel: "counter", status: 4, received: vn(11, 30, 23, 30)),
        Fact(code: "D11", agency: b, channel: "counter", status: 4, received: vn(12, 1, 0, 30)),
    ]

    static func ms(_ date: Date?) -> Int64? { date.map(HashChain.milliseconds) }

    static func insertFacts(on database: any SQLDatabase) async throws {
        try await insertFacts(facts, on: database)
        // Signed results for D01 and D05, a draft for D02 (a draft is not an electronic result).
        for (code, state) in [("D01", "signed"), ("D05", "signed"), ("D02", "draft")] { try await insertResult(code: code, state: state, on: database) }
        // Scans for D01 (which has a signed result) and D02 (which has only a draft).
        for code in ["D01", "D02"] { try await insertScan(code: code, on: database) }
        // A registry look-up that found the applicant while handling D05; one for D04 found nothing (not counted).
        for (code, outcome) in [("D05", "found"), ("D04", "not_found")] { try await insertLookUp(code: code, outcome: outcome, on: database) }
    }

    static func insertFacts(_ facts: [Fact], on database: any SQLDatabase) async throws {
        for f in facts {
            let details = #"{"formData":{},"stepDeadlines":{},"components":[{"code":"c1","nameVi":"Tờ khai","nameEn":"Form","required":true,"state":"\#(f.componentState)"}]}"#
            try await database.raw(
                """
                INSERT INTO dossiers (id, code, procedure_code, agency_id, receiving_agency_id, applicant_id, applicant_name, channel, \
                status, step, submitted_at, received_at, due_at, finished_at, returned_at, paused_at, supplement_requests, counts_as_late, \
                extensions, version, history_head, details) VALUES (\(bind: "id-" + f.code), \(bind: f.code), \(bind: f.procedure), \(bind: f.agency), \
                \(bind: f.agency), '027090001234', 'Nguyễn Văn An', \(bind: f.channel), \(bind: f.status), 'receipt', \(bind: ms(f.received)!), \
                \(bind: ms(f.received)!), \(bind: ms(f.due)), \(bind: ms(f.finished)), \(bind: ms(f.returned)), \(bind: ms(f.paused)), \
                \(bind: f.countsAsLate ? 2 : 0), \(bind: f.countsAsLate ? 1 : 0), 0, 1, 'head', \(bind: details))
                """
            ).run()
        }
    }

    static func insertResult(code: String, state: String, on database: any SQLDatabase) async throws {
        let signed = state == "signed"
        try await database.raw(
            """
            INSERT INTO results (id, dossier_code, result_type, agency_id, version, state, fields, prepared_by, prepared_at, \
            signed_at, certificate_serial, jws, holder_masked) VALUES (\(bind: "r-" + code), \(bind: code), 'birth', 'commune-a', 1, \
            \(bind: state), '{}', 'specialist', 1, \(bind: signed ? Int64(2) : nil), \(bind: signed ? "01" : nil), \
            \(bind: signed ? "a.b.c" : nil), 'N*** V** A*')
            """
        ).run()
    }

    static func insertScan(code: String, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO digitised_documents (id, sha256, media_type, size_bytes, pages, dossier_code, component_code, \
            digitised_by_kind, digitised_by, digitised_at) VALUES (\(bind: "g-" + code), \(bind: String(repeating: "a", count: 64)), \
            'application/pdf', 10, 1, \(bind: code), 'c1', 'official', 'officer', 1)
            """
        ).run()
    }

    static func insertLookUp(code: String, outcome: String, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO registry_access_log (id, at, subject_id, registry, fields, actor_kind, actor_id, agency_id, purpose_kind, \
            purpose_ref, request_id, outcome) VALUES (\(bind: "l-" + code), 1, '027090001234', 'population', 'name', 'official', \
            'specialist', 'commune-a', 'dossier', \(bind: code), \(bind: "req-" + code), \(bind: outcome))
            """
        ).run()
    }

    static func configuration() throws -> IndexConfiguration {
        try IndexConfiguration.load(
            try Data(contentsOf: Fixtures.resources.appendingPathComponent("index/decision-766.json")), source: "decision-766.json")
    }

    @Test("The province's November counts and scores match the hand-computed figures", arguments: TestDatabase.backends)
    func provinceFigures(backend: TestDatabase) async throws {
        let period = try IndexPeriod.parse(period: "2026-11", from: nil, to: nil, now: Self.now)
        let (province, byAgency) = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.write(lane: "test") { try await Self.insertFacts(on: $0) }
            let repository = SQLIndexRepository(store: store)
            return (
                try await repository.counts(start: period.start, end: period.end, now: Self.now, agencies: nil),
                try await repository.countsByAgency(start: period.start, end: period.end, now: Self.now)
            )
        }
        // Received: D01–D07 without D08 (withdrawn), plus D10 = 8. On time: D01, D03, D06, D07, D10 = 5.
        #expect(province.received == 8)
        #expect(province.onTime == 5)
        #expect(province.overdue == 3)
        // Ended: D01 (48 h), D02 (168 h), D05 (168 h), D06 (72 h) = 456 h over 4.
        #expect(province.ended == 4)
        #expect(abs(province.endedHours - 456) < 1e-9)
        #expect(province.online == 3)
        #expect(province.onlineProcedures == 1)
        // Done or returned: D01, D02, D05; with a signed result D01 and D05 (D02's is a draft).
        #expect(province.completed == 3)
        #expect(province.electronicResults == 2)
        // Scan and signed result: D01 only (D02 has a scan but no signed result; D05 a result but no scan).
        #expect(province.digitised == 1)
        #expect(province.reused == 1)
        // From the registry: D03 (component), D05 (a look-up that found the person); D04's found nothing.
        #expect(province.populationData == 2)

        #expect(byAgency[Self.a]?.received == 5)
        #expect(byAgency[Self.a]?.onTime == 2)
        #expect(byAgency[Self.b]?.received == 3)
        #expect(byAgency[Self.b]?.onTime == 3)
        #expect(byAgency.count == 2)

        let score = IndexEngine.score(try Self.configuration(), inputs: province.inputs(procedures: 10, proceduresOnline: 8))
        func check(_ id: String, _ numerator: Int, _ denominator: Int, rate: Double, points: Double) {
            let indicator = score.indicator(id)
            #expect(indicator?.numerator == numerator, "\(id) numerator")
            #expect(indicator?.denominator == denominator, "\(id) denominator")
            #expect(abs((indicator?.rate ?? -1) - rate) < 1e-9, "\(id) rate")
            #expect(abs((indicator?.points ?? -1) - points) < 1e-9, "\(id) points")
        }
        check("2.1", 5, 8, rate: 0.625, points: 6.25)  // no threshold: 62.5% × 10
        check("3.1", 8, 10, rate: 0.8, points: 4.4)  // ≥ 80%: full points
        check("3.2", 1, 8, rate: 0.125, points: 0.55)  // 12.5% × 4.4
        check("3.3", 3, 8, rate: 0.375, points: 3.3)  // 37.5% ÷ 50% × 4.4
        check("4.1", 2, 3, rate: 2.0 / 3.0, points: 4.4 * 2 / 3)
        check("4.2", 1, 8, rate: 0.125, points: 0.6875)  // 12.5% ÷ 80% × 4.4
        check("4.3", 1, 8, rate: 0.125, points: 0.6875)
        check("4.5", 2, 8, rate: 0.25, points: 1.1)
        check("5.4", 5, 8, rate: 0.625, points: 3.125)  // (100% − 3/8 − 0) ÷ 90% × 4.5
        #expect(score.indicator("2.2")?.averageHours == 114)
        #expect(score.indicator("2.2")?.points == nil)
        #expect(score.indicator("3.6")?.state == .noData)
        #expect(score.indicator("1.4")?.state == .notApplicable)
        #expect(score.indicator("5.4")?.explanationEn.contains("no data yet") == true)
    }

    @Test("The dossiers behind a count are exactly those counted, in receipt order and paged", arguments: TestDatabase.backends)
    func dossiersBehindACount(backend: TestDatabase) async throws {
        let period = try IndexPeriod.parse(period: nil, from: "2026-11-01", to: "2026-11-30", now: Self.now)
        let (onTime, overdue, firstPage, agencyB, unknown) = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.write(lane: "test") { try await Self.insertFacts(on: $0) }
            let repository = SQLIndexRepository(store: store)
            func list(_ id: String, _ agencies: [String]? = nil, limit: Int = 100, offset: Int = 0) async throws -> (total: Int, rows: [IndexDossierRow])? {
                try await repository.dossiers(
                    behind: id, start: period.start, end: period.end, now: Self.now, agencies: agencies, limit: limit, offset: offset)
            }
            return (
                try await list("2.1"), try await list("5.4"), try await list("2.1", limit: 2, offset: 2), try await list("2.1", [Self.b]),
                try await list("1.4")
            )
        }
        #expect(onTime?.total == 5)
        #expect(onTime?.rows.map(\.code) == ["D01", "D06", "D07", "D03", "D10"])
        #expect(overdue?.rows.map(\.code) == ["D02", "D05", "D04"])
        #expect(firstPage?.total == 5)
        #expect(firstPage?.rows.map(\.code) == ["D07", "D03"])
        #expect(agencyB?.rows.map(\.code) == ["D06", "D07", "D10"])
        #expect(unknown == nil)
    }

    /// A small deterministic generator, so a failing case can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// 400 dossiers over four months and five agencies with random statuses, dates, channels, supplements,
    /// component states, results, scans and look-ups.
    static func randomFacts(seed: UInt64) -> [Fact] {
        var random = SplitMix(state: seed)
        let agencies = ["a1", "a2", "a3", "a4", "a5"]
        let states = ["provided", "reused", "from_registry", "missing"]
        return (0..<400).map { n in
            let received = vn(10, 1).addingTimeInterval(Double(Int.random(in: 0..<(120 * 86_400), using: &random)))
            let status = [2, 3, 4, 5, 7, 8, 9, 10].randomElement(using: &random)!
            let due = Bool.random(using: &random) ? received.addingTimeInterval(Double(Int.random(in: 3_600..<(20 * 86_400), using: &random))) : nil
            let finished = [8, 9, 10].contains(status) ? received.addingTimeInterval(Double(Int.random(in: 60..<(30 * 86_400), using: &random))) : nil
            return Fact(
                code: String(format: "R%04d", n), agency: agencies.randomElement(using: &random)!,
                channel: ["counter", "online", "postal"].randomElement(using: &random)!, status: status, received: received, due: due,
                finished: status == 10 && Bool.random(using: &random) ? nil : finished, returned: status == 10 ? finished ?? received : nil,
                paused: status == 5 ? received.addingTimeInterval(3_600) : nil, countsAsLate: Int.random(in: 0..<6, using: &random) == 0,
                componentState: states.randomElement(using: &random)!, procedure: ["P1", "P2", "P3"].randomElement(using: &random)!)
        }
    }

    @Test("The SQL aggregation equals a per-dossier recount, on the hand-computed set and on random ones", arguments: TestDatabase.backends)
    func aggregationEqualsRecount(backend: TestDatabase) async throws {
        let random = Self.randomFacts(seed: 766)
        let outcomes = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.write(lane: "test") { database in
                try await Self.insertFacts(on: database)
                try await Self.insertFacts(random, on: database)
                // Results, scans and look-ups for a third of the random dossiers each, overlapping.
                for fact in random.enumerated() where fact.offset % 3 == 0 {
                    try await Self.insertResult(code: fact.element.code, state: fact.offset % 2 == 0 ? "signed" : "draft", on: database)
                }
                for fact in random.enumerated() where fact.offset % 4 == 1 || fact.offset % 6 == 0 {
                    try await Self.insertScan(code: fact.element.code, on: database)
                }
                for fact in random.enumerated() where fact.offset % 5 == 2 {
                    try await Self.insertLookUp(code: fact.element.code, outcome: fact.offset % 2 == 0 ? "found" : "failed", on: database)
                }
            }
            var outcomes: [(String, IndexCheckOutcome)] = []
            for label in ["2026-10", "2026-11", "2026-12", "2026-Q4", "2026"] {
                let period = try IndexPeriod.parse(period: label, from: nil, to: nil, now: Self.now)
                outcomes.append((label, try await SQLIndexRepository(store: store).check(period: period, now: Self.now)))
            }
            return outcomes
        }
        for (label, outcome) in outcomes {
            #expect(outcome.differences.isEmpty, "\(label): \(outcome.differences)")
            #expect(outcome.dossiers > 0)
            #expect(outcome.units > 3)
        }
    }

    @Test("The live counters equal the full recomputation, and applying the history again changes nothing", arguments: TestDatabase.backends)
    func countersEqualRecomputation(backend: TestDatabase) async throws {
        let random = Self.randomFacts(seed: 751)
        let outcomes = try await backend.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            try await store.write(lane: "test") { database in
                try await Self.insertFacts(on: database)
                try await Self.insertFacts(random, on: database)
                // A history entry per dossier, as every receipt writes: the feed follows the history.
                for (n, fact) in (Self.facts + random).enumerated() {
                    try await database.raw(
                        """
                        INSERT INTO dossier_history (dossier_id, seq, action, actor_id, actor_role, at, status_after, step_after, \
                        previous_hash, hash) VALUES (\(bind: "id-" + fact.code), 1, 'receive', 'officer', 'reception_officer', \
                        \(bind: Self.ms(fact.received)!), \(bind: fact.status), 'receipt', 'genesis', \(bind: "h\(n)"))
                        """
                    ).run()
                }
                for fact in random.enumerated() where fact.offset % 3 == 0 {
                    try await Self.insertResult(code: fact.element.code, state: "signed", on: database)
                }
            }
            // Small batches, so the catch-up takes several transactions.
            let feed = IndexCounterFeed(store: store, batchSize: 7)
            try await feed.catchUp()
            var outcomes: [(String, IndexCheckOutcome)] = []
            for label in ["2026-11", "2026-Q4", "2026"] {
                let period = try IndexPeriod.parse(period: label, from: nil, to: nil, now: Self.now)
                outcomes.append((label, try await SQLIndexRepository(store: store).check(period: period, now: Self.now, served: SQLIndexCounterRepository(store: store))))
            }
            // As after a crash between a batch's work and its mark: the whole history applied once more.
            try await store.write(lane: "test") { database in try await database.raw("UPDATE index_feed_marks SET position = 0").run() }
            try await feed.catchUp()
            let period = try IndexPeriod.parse(period: "2026", from: nil, to: nil, now: Self.now)
            outcomes.append(("again", try await SQLIndexRepository(store: store).check(period: period, now: Self.now, served: SQLIndexCounterRepository(store: store))))
            return outcomes
        }
        for (label, outcome) in outcomes {
            #expect(outcome.differences.isEmpty, "\(label): \(outcome.differences)")
            #expect(outcome.dossiers > 0)
        }
    }
}
