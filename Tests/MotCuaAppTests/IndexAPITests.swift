import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// The index as served: two dossiers received at the ward through the real API, one taken to a signed result;
/// the scores, the dossiers behind a count, the CSV, bad input, and the public page without personal data.
@Suite("Decision 766 index over HTTP")
struct IndexAPITests {
    struct IndicatorJSON: Decodable {
        let id: String
        let state: String
        let numerator: Int?
        let denominator: Int?
        let rate: Double?
        let points: Double?
        let weightVerified: Bool
        let weightNote: String?
        let explanationVi: String
    }

    struct GroupJSON: Decodable {
        let id: String
        let indicators: [IndicatorJSON]
    }

    struct ReportJSON: Decodable {
        let unitKind: String
        let agencyId: String?
        let groups: [GroupJSON]
        func indicator(_ id: String) -> IndicatorJSON? { groups.flatMap(\.indicators).first { $0.id == id } }
    }

    struct DossierPageJSON: Decodable {
        struct Item: Decodable { let code: String }
        let total: Int
        let items: [Item]
    }

    @Test("Leaders see their ward's counts, rules and the dossiers behind them; the public page shows no personal data", arguments: TestDatabase.backends)
    func servedIndex(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let first = try await s.receiveBirth()
            let second = try await s.receiveBirth()
            _ = try await s.signBirthResult(first.code)
            // The served figures follow the history within seconds (the live counters).
            let caughtUp = try await IndexLiveTests.waitUntil {
                let report = try s.leader.decode(ReportJSON.self, try await s.leader.call(.get, "/api/v1/index?period=2026-12").body)
                return report.indicator("2.1")?.denominator == 2 && report.indicator("4.1")?.numerator == 1
            }
            #expect(caughtUp != nil)

            let response = try await s.leader.call(.get, "/api/v1/index?period=2026-12")
            #expect(response.status == .ok, "\(response.body)")
            let report = try s.leader.decode(ReportJSON.self, response.body)
            #expect(report.unitKind == "agency")
            #expect(report.agencyId == s.ward.id)
            // Both received on 7 Dec and handled the same day or still before their date: 2 of 2 on time.
            #expect(report.indicator("2.1")?.numerator == 2)
            #expect(report.indicator("2.1")?.denominator == 2)
            #expect(report.indicator("2.1")?.points == 10)
            // Counter receipts: no online dossier. One done with a signed result out of one done.
            #expect(report.indicator("3.3")?.numerator == 0)
            #expect(report.indicator("3.3")?.points == 0)
            #expect(report.indicator("4.1")?.numerator == 1)
            #expect(report.indicator("4.1")?.denominator == 1)
            #expect(report.indicator("3.6")?.state == "no_data")
            #expect(report.indicator("1.4")?.state == "not_applicable")
            #expect(report.indicator("2.1")?.weightVerified == false)
            #expect(report.indicator("2.1")?.weightNote == "trọng số chưa xác minh / weight unverified")
            #expect(report.indicator("2.1")?.explanationVi.contains("2 ÷ 2 = 100%") == true)

            let page = try await s.leader.call(.get, "/api/v1/index/indicators/2.1/dossiers?period=2026-12&limit=1")
            #expect(page.status == .ok, "\(page.body)")
            let dossiers = try s.leader.decode(DossierPageJSON.self, page.body)
            #expect(dossiers.total == 2)
            #expect(dossiers.items.count == 1)
            let csv = try await s.leader.call(.get, "/api/v1/index/indicators/2.1/dossiers.csv?period=2026-12")
            #expect(csv.status == .ok)
            #expect(csv.body.contains(first.code) && csv.body.contains(second.code))
            #expect(!csv.body.contains(RegistryPeople.singleAdult.fullName))

            // The province's monitor sees the province, which holds the ward's two dossiers.
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            let province = try monitor.decode(ReportJSON.self, try await monitor.call(.get, "/api/v1/index?period=2026-Q4").body)
            #expect(province.unitKind == "province")
            #expect(province.indicator("2.1")?.denominator == 2)

            for path in ["/minh-bach?period=2026-12", "/transparency", "/api/v1/public/index?period=2026-12"] {
                let page = try await s.anonymous.call(.get, path)
                #expect(page.status == .ok, "\(path): \(page.body)")
                for personal in [RegistryPeople.singleAdult.fullName, RegistryPeople.singleAdult.citizenID.value, first.code, second.code, "Nguyễn Minh Khôi"] {
                    #expect(!page.body.contains(personal), "\(path) shows \(personal)")
                }
            }
            let html = try await s.anonymous.call(.get, "/minh-bach?period=2026-12")
            #expect(html.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(html.body.contains("100%"))
            #expect(html.body.contains("trọng số chưa xác minh"))
            #expect(!html.body.contains("<script"))
        }
    }

    @Test("Bad periods and agencies get a 422 naming the field; another agency's index answers 404", arguments: TestDatabase.backends)
    func badInput(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let s = try await Scenario(client)
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            let cases: [(String, String)] = [
                ("/api/v1/index?period=2026-13", "period"),
                ("/api/v1/index?period=2026-11&from=2026-11-01&to=2026-11-02", "period"),
                ("/api/v1/index?from=2026-03-01&to=2026-02-01", "to"),
                ("/api/v1/index?from=2020-01-01&to=2025-06-01", "to"),
                ("/api/v1/index?from=2026-02-30&to=2026-03-01", "from"),
                ("/api/v1/index?from=2026-02-01", "to"),
                ("/api/v1/index?agency=xa-00000", "agency"),
                ("/api/v1/index/indicators/1.4/dossiers?period=2026-12", "id"),
                ("/api/v1/index/indicators/2.1/dossiers?period=2026-12&limit=0", "limit"),
            ]
            for (path, field) in cases {
                let response = try await monitor.call(.get, path)
                #expect(response.status.code == 422 || response.status.code == 400, "\(path): \(response.body)")
                if response.status.code == 422 {
                    #expect(try monitor.decode(ProblemJSON.self, response.body).field == field, "\(path): \(response.body)")
                }
            }
            #expect(try await monitor.call(.get, "/api/v1/index/indicators/9.9/dossiers").status == .notFound)
            let communes = try monitor.decode(ReportJSON.self, try await monitor.call(.get, "/api/v1/index?unit=communes").body)
            #expect(communes.unitKind == "communes")
            // The ward's leader asking for the centre's index: out of scope, 404.
            let centre = try #require(try await Self.centreID(monitor))
            let other = try await s.leader.call(.get, "/api/v1/index?agency=\(centre)")
            #expect(other.status == .notFound, "\(other.body)")
            #expect(try await s.anonymous.call(.get, "/api/v1/index").status == .unauthorized)
            #expect(try await s.reception.call(.get, "/api/v1/index").status == .forbidden)
            #expect(try await s.anonymous.call(.get, "/api/v1/public/index?period=2026-13").status.code == 422)
        }
    }

    @Test("The public page and its JSON are limited per client address like result verification")
    func publicRateLimit() async throws {
        try await withApp(.sqlite, configure: { $0.limits.verificationsPerMinute = 2 }) { client, _ in
            let anonymous = Client(client: client)
            #expect(try await anonymous.call(.get, "/minh-bach").status == .ok)
            #expect(try await anonymous.call(.get, "/api/v1/public/index").status == .ok)
            let refused = try await anonymous.call(.get, "/minh-bach")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
        }
    }

    static func centreID(_ monitor: Client) async throws -> String? {
        struct Me: Decodable { let agencyId: String }
        return try monitor.decode(Me.self, try await monitor.call(.get, "/api/v1/me").body).agencyId
    }
}
