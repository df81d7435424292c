import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// The zero-paper score: hand-computed shares over dossiers of known provenance, who may read it, bad input.
@Suite("Zero-paper score")
struct ZeroPaperTests {
    struct RowJSON: Decodable {
        let month: String
        let agencyId: String
        let procedureCode: String
        let fetched: Int
        let registry: Int
        let archive: Int
        let supplied: Int
        let eform: Int
        let scan: Int
        let paper: Int
        let fetchedShare: Double?
        let dossiers: Int
        let digitisedDossiers: Int
        let digitisationShare: Double?
        let withResult: Int
        let electronicResults: Int
        let electronicResultShare: Double?
    }

    /// The month of `withApp`'s default clock (7 December 2026, Vietnam time).
    static let thisMonth = "2026-12"

    static func rows(_ client: Client, _ query: String) async throws -> [RowJSON] {
        let response = try await client.call(.get, "/api/v1/reports/zero-paper?" + query)
        #expect(response.status == .ok, "\(response.body)")
        return try client.decode([RowJSON].self, response.body)
    }

    @Test("Two birth registrations of known provenance give the hand-computed shares, in JSON and CSV", arguments: TestDatabase.backends)
    func handComputed(backend: TestDatabase) async throws {
        try await withApp(backend) { raw, _ in
            let s = try await Scenario(raw)
            let month = Self.thisMonth
            let query = "from=\(month)&to=\(month)&procedure=\(s.birth.code)"
            #expect(try await Self.rows(s.leader, query).isEmpty)

            // A: both papers scanned at the counter, ID from the population database, result signed and returned.
            var a = try await s.receiveBirth()
            for component in ["declaration", "birth_certificate"] {
                let scan = try await s.reception.upload(a.code, component: component, ScanSamples.pdf(pages: 1))
                #expect(scan.status == .created, "\(scan.body)")
            }
            a = try s.reception.decode(DossierJSON.self, try await s.reception.call(.get, "/api/v1/dossiers/\(a.code)").body)
            #expect(a.component("declaration")?.provenance == "scan" && a.component("requester_id")?.provenance == "registry")
            _ = try await s.signBirthResult(a.code, receivedVersion: a.version)
            // B: both papers handed in and not scanned.
            let b = try await s.receiveBirth()
            #expect(b.component("birth_certificate")?.provenance == "paper")

            // Required components: registry 2 (both IDs); scan 2 (A); paper 2 (B) → fetched 2 of 6.
            // Dossiers: 2, A digitised → 1/2; with a result: A (done), signed electronically → 1/1.
            let rows = try await Self.rows(s.leader, query)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.month == month && row.agencyId == s.ward.id && row.procedureCode == s.birth.code)
            #expect((row.registry, row.archive, row.eform, row.scan, row.paper) == (2, 0, 0, 2, 2))
            #expect(row.fetched == 2 && row.supplied == 4 && row.fetchedShare.map { abs($0 - 2.0 / 6.0) < 1e-9 } == true)
            #expect(row.dossiers == 2 && row.digitisedDossiers == 1 && row.digitisationShare == 0.5)
            #expect(row.withResult == 1 && row.electronicResults == 1 && row.electronicResultShare == 1)

            // Scanning B's papers later moves its components from paper to scan, and B becomes digitised.
            for component in ["declaration", "birth_certificate"] {
                #expect(try await s.reception.upload(b.code, component: component, ScanSamples.pdf(pages: 1)).status == .created)
            }
            let after = try #require(try await Self.rows(s.leader, query).first)
            #expect(after.paper == 0 && after.scan == 4 && after.digitisedDossiers == 2 && after.digitisationShare == 1)

            let csv = try await s.leader.call(.get, "/api/v1/reports/zero-paper.csv?" + query)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.body.components(separatedBy: "\r\n")
            #expect(lines[0] == ZeroPaperScore.csvHeader)
            #expect(lines[1] == "\(month),\(s.ward.id),\(s.birth.code),2,2,0,4,0,4,0,0.3333,2,2,1.0000,1,1,1.0000")
        }
    }

    @Test("Leaders read their own agency, provincial monitors the province; others are refused; bad input names the field")
    func accessAndBadInput() async throws {
        // 00:30 on 1 December in Vietnam is still 30 November in UTC: the month is Vietnam's.
        try await withApp(.sqlite, clock: TestClock(vietnamTime(2026, 12, 1, 0, 30))) { raw, _ in
            let s = try await Scenario(raw)
            _ = try await s.receiveBirth()
            let month = "2026-12"
            #expect(try await Self.rows(s.leader, "from=2026-11&to=2026-11").isEmpty)
            let own = try await Self.rows(s.leader, "from=\(month)&to=\(month)")
            #expect(own.count == 1 && own.allSatisfy { $0.agencyId == s.ward.id })
            // The ward's leader may not read another agency; the province's monitor reads every agency.
            let agencies = try s.anonymous.decode([AgencyJSON].self, try await s.anonymous.call(.get, "/api/v1/agencies?kind=commune").body)
            let other = try #require(agencies.first { $0.id != s.ward.id })
            #expect(try await s.leader.call(.get, "/api/v1/reports/zero-paper?from=\(month)&to=\(month)&agency=\(other.id)").status == .forbidden)
            let monitor = try await s.anonymous.signedIn("hcc.giamsat")
            #expect(try await Self.rows(monitor, "from=\(month)&to=\(month)").contains { $0.agencyId == s.ward.id })
            #expect(try await Self.rows(monitor, "from=\(month)&to=\(month)&agency=\(other.id)").isEmpty)
            // Specialists and reception officers do not read the score.
            #expect(try await s.specialist.call(.get, "/api/v1/reports/zero-paper?from=\(month)&to=\(month)").status == .forbidden)

            func problem(_ query: String) async throws -> (Int, String?) {
                let response = try await s.leader.call(.get, "/api/v1/reports/zero-paper?" + query)
                return (Int(response.status.code), try? s.leader.decode(ProblemJSON.self, response.body).field)
            }
            #expect(try await problem("from=2026-13&to=2026-12") == (400, "from"))
            #expect(try await problem("from=2026-01&to=26-12") == (400, "to"))
            #expect(try await problem("to=2026-12").0 == 400)
            #expect(try await problem("from=2026-05&to=2026-04") == (422, "to"))
            #expect(try await problem("from=2020-01&to=2026-12") == (422, "to"))
            #expect(try await problem("from=2026-01&to=2026-12&agency=no-such-agency") == (422, "agency"))
            #expect(try await problem("from=2026-01&to=2026-12&procedure=9.999999") == (422, "procedure"))
        }
    }
}
