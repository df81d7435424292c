import Foundation
import HTTPTypes
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Synchronization
import Testing

@testable import MotCuaApp

/// `motcua demo populate` fills every group of the index: signed results that verify like real ones, scans,
/// ratings and petitions, with the served counters equal to the full recount.
@Suite("Demo population")
struct DemoPopulationTests {
    struct PublicIndexJSON: Decodable {
        struct Unit: Decodable {
            struct Group: Decodable {
                let id: String
                let points: Double
            }
            let received: Int
            let groups: [Group]
        }
        let province: Unit
    }

    /// A populated result, read from the database before the application starts.
    struct Sample: Sendable {
        let id: String
        let jws: String
    }

    /// The statuses of 300 demo petitions filed 60 to 120 days before `now`, when every step of every fate (a
    /// supplement, a late answer, publishing) has happened, whatever the hour.
    static func endedPetitionStatuses(calendar: WorkingCalendar, now: Date) throws -> [String: Int] {
        let petitions = DemoPetitions(limits: try SatisfactionService.bundledRules().timeLimits, calendar: calendar)
        var random = SplitMix64(seed: 766)
        var ended: [String: Int] = [:]
        for index in 0..<300 {
            let received = now.addingTimeInterval(-Double(60 + index % 61) * 86_400)
            let filed = try petitions.file(
                agencyID: "so-tu-phap", dossierCode: nil, citizenID: "027090000001", received: received, now: now, random: &random)
            ended[filed.petition.status.rawValue, default: 0] += 1
        }
        return ended
    }

    @Test("A populated year has electronic results, scans, ratings and petitions in plausible shares, and the check finds no difference", arguments: TestDatabase.backends)
    func populatedYearFillsEveryGroup(backend: TestDatabase) async throws {
        let now = Date()
        let count = 3_000
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-populate-keys-" + UUID().uuidString).path
        let sample = Mutex<(Sample, DemoPopulation.Summary)?>(nil)
        try await withApp(
            backend, clock: TestClock(now),
            configure: { configuration in
                // Its own demo CA, created (like `motcua demo populate` does) valid from the start of the populated year.
                configuration.demoKeyDirectory = keys
                try? DemoPopulation.prepare(configuration, until: now)
            },
            prepare: { platform in
                let summary = try await DemoPopulation.populate(platform: platform, dossiers: count, seed: 766, until: now) { _ in }
                let row = try await platform.store.read { database in
                    // One that does not expire (a marital status certificate signed months ago is rightly "expired").
                    try await database.raw("SELECT id, jws FROM results WHERE state = 'signed' AND valid_until IS NULL ORDER BY id LIMIT 1").first()
                }
                let found = try #require(row)
                let result = Sample(id: try found.decode(column: "id", as: String.self), jws: try found.decode(column: "jws", as: String.self))
                sample.withLock { $0 = (result, summary) }
            }
        ) { client, configuration in
            let (result, summary) = try #require(sample.withLock { $0 })
            #expect(summary.dossiers == count)
            // Shares: results for most ended dossiers of procedures with an electronic result, scans for most dossiers.
            #expect(summary.results > count / 10 && summary.results < count * 7 / 10, "\(summary.results) results")
            #expect(summary.scans > count / 2, "\(summary.scans) scans")
            #expect(summary.ratings > count / 10 && summary.ratings < count / 2, "\(summary.ratings) ratings")
            #expect(summary.petitions > 5 && summary.petitions < count / 50, "\(summary.petitions) petitions")

            // A populated result verifies on the public page and, as a file, by its signature and chain.
            let anonymous = Client(client: client)
            let page = try await anonymous.call(.get, "/verify/\(result.id)")
            #expect(page.status == .ok && page.body.contains(#"data-testid="verification-status">valid<"#), "\(page.body.prefix(300))")
            let checked = try await anonymous.call(.post, "/api/v1/public/results/verification", json: #"{"jws":"\#(result.jws)"}"#)
            #expect(checked.status == .ok, "\(checked.body)")
            #expect(try anonymous.decode(VerificationJSON.self, checked.body).signatureChecked == true)

            let calendar = try ReferenceData.load(dataDirectory: configuration.dataDirectory, calendarDirectory: configuration.calendarDirectory).calendar
            let from = calendar.localDate(of: now.addingTimeInterval(-364 * 86_400)).description, to = calendar.localDate(of: now).description
            // The public page takes a month, quarter or year: the calendar year holding most of the populated one.
            let year = String(calendar.localDate(of: now.addingTimeInterval(-90 * 86_400)).year)
            let yearReceived = try await Platform.withPlatform(configuration, logger: Logger(label: "test-populate")) { platform in
                let period = try IndexCheck.period(period: nil, from: from, to: to, now: now)
                let outcome = try await IndexCheck.run(platform: platform, period: period, now: now)
                #expect(outcome.differences.isEmpty, "\(outcome.differences)")
                let counts = try await SQLIndexCounterRepository(store: platform.store).counts(start: period.start, end: period.end, now: now, agencies: nil)
                #expect(counts.electronicResults > 0 && counts.electronicResults <= counts.completed)
                let electronic = Double(counts.electronicResults) / Double(max(1, counts.completed))
                #expect(electronic > 0.15 && electronic < 0.8, "4.1 = \(electronic)")
                let digitised = Double(counts.digitised) / Double(max(1, counts.received))
                #expect(digitised > 0.1 && digitised < 0.8, "4.2 = \(digitised)")
                let satisfaction = try await SQLSatisfactionRepository(store: platform.store).counts(start: period.start, end: period.end, now: now, agencies: nil)
                #expect(satisfaction.petitions > 5 && satisfaction.complainedDossiers > 0)
                // Which petitions fall inside the window, and which are still being handled, depends on the hour the test
                // runs: with about a dozen, "more than half on time" failed at 5 of 12 (CI, 1/12/2026 17:21). Some are
                // on time and none is counted twice; the shares are the generator's to keep (DemoPetitions).
                #expect(satisfaction.onTime >= 1 && satisfaction.onTime <= satisfaction.petitions, "\(satisfaction)")
                #expect(Set(satisfaction.byCategory.keys).count >= 2)
                // Mostly satisfied; dislikes a small share, more of them on late dossiers.
                let levels = try await platform.store.read { database in
                    try await database.raw("SELECT level, COUNT(*) AS n FROM dossier_ratings GROUP BY level").all().map {
                        (try $0.decode(column: "level", as: Int.self), try $0.decode(column: "n", as: Int.self))
                    }
                }
                let byLevel = Dictionary(uniqueKeysWithValues: levels)
                let rated = byLevel.values.reduce(0, +)
                #expect(rated == summary.ratings)
                #expect(Double((byLevel[4] ?? 0) + (byLevel[5] ?? 0)) / Double(rated) > 0.7, "\(byLevel)")
                #expect((byLevel[1] ?? 0) + (byLevel[2] ?? 0) > 0, "\(byLevel)")
                // Petitions were filed, in statuses the workflow knows, and nothing published carries a run of digits (an ID
                // or phone). Which fates a dozen petitions draw, and how far each has got, depends on the hour the test runs
                // (a step after `now` is not taken): at 22:40 UTC only "published" and "supplement_requested" were drawn, at
                // 06:45 only "published". The mix of fates is checked below on petitions old enough to have ended.
                let statuses = try await platform.store.read { database in
                    try await database.raw("SELECT DISTINCT status FROM petitions").all().map { try $0.decode(column: "status", as: String.self) }
                }
                #expect(!statuses.isEmpty && statuses.allSatisfy { PetitionStatus(rawValue: $0) != nil }, "\(statuses)")
                let ended = try Self.endedPetitionStatuses(calendar: platform.reference.calendar, now: now)
                #expect(Set(ended.keys) == ["published", "refused", "supplement_requested", "answered"], "\(ended)")
                #expect(ended["published", default: 0] > 150, "\(ended)")
                for petition in try await SQLSatisfactionRepository(store: platform.store).published(limit: 100, offset: 0) {
                    #expect(throws: Never.self) { try PetitionText.checkPublishable(petition.summary ?? "", field: "summary") }
                    #expect(throws: Never.self) { try PetitionText.checkPublishable(petition.answer ?? "", field: "answer") }
                }
                let calendarYear = try IndexCheck.period(period: year, from: nil, to: nil, now: now)
                return try await SQLIndexCounterRepository(store: platform.store)
                    .counts(start: calendarYear.start, end: calendarYear.end, now: now, agencies: nil).received
            }
            // The public page (served from the counters, caught up by the check) shows points in groups 4 and 5.
            let published = try await anonymous.call(.get, "/api/v1/public/index?period=\(year)")
            #expect(published.status == .ok, "\(published.body)")
            let province = try anonymous.decode(PublicIndexJSON.self, published.body).province
            #expect(province.received == yearReceived && yearReceived > count / 5)
            for group in ["4", "5"] {
                let points = province.groups.first { $0.id == group || $0.id.hasSuffix(group) }?.points ?? 0
                #expect(points > 0, "group \(group): \(province.groups)")
            }
        }
    }

    @Test("A new demo database gets its accounts and then a year of activity on first start; a database that has accounts gets none", arguments: TestDatabase.backends)
    func firstStartFillsOnlyANewDatabase(backend: TestDatabase) async throws {
        let now = Date()
        for existing in [false, true] {
            let keys = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-first-start-keys-" + UUID().uuidString).path
            // An installation that already has its accounts is not new: nothing is invented into it.
            var seedAccounts: (@Sendable (Platform) async throws -> Void)?
            if existing {
                seedAccounts = { @Sendable (platform: Platform) async throws in _ = try await DemoSeeder(platform: platform).seed() }
            }
            try await withApp(
                backend, clock: TestClock(now),
                configure: { configuration in
                    configuration.demoKeyDirectory = keys
                    configuration.demoPopulation = 120
                    try? DemoPopulation.prepare(configuration, until: now)
                },
                prepare: seedAccounts
            ) { client, configuration in
                _ = try await Client(client: client).signedIn("kinhbac.tiepnhan")
                let dossiers: Int? = try await Platform.withPlatform(configuration, logger: Logger(label: "test-first-start")) { platform in
                    let row = try await platform.store.read { database in try await database.raw("SELECT COUNT(*) AS n FROM dossiers").first() }
                    return try row?.decode(column: "n", as: Int.self)
                }
                #expect(dossiers == (existing ? 0 : 120))
            }
        }
    }

    @Test("Populating beside a demo CA created after the year's start names the CA's directory and what to do")
    func laterDemoCANamesItsDirectory() throws {
        var configuration = AppConfiguration()
        configuration.demoKeyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-later-ca-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: configuration.keyDirectory) }
        let now = Date()
        // The CA an earlier run created today, valid from today.
        _ = try SigningAuthority.demoAuthority(configuration, now: now)
        do {
            try DemoSigning.prepareAuthority(configuration, end: now)
            Issue.record("a CA valid only from today was accepted for a year ending today")
        } catch let error as ConfigurationError {
            #expect(error.description.contains(configuration.keyDirectory + "/ca"), "\(error)")
            #expect(error.description.contains("remove that directory"), "\(error)")
        }
        // A year that starts after the CA's creation is signed with it.
        try DemoSigning.prepareAuthority(configuration, end: now.addingTimeInterval(400 * 86_400))
    }
}
