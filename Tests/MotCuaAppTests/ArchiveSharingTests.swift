import Foundation
import HTTPTypes
import HummingbirdTesting
import MotCuaDomain
import MotCuaTestSupport
import NIOCore
import Testing

@testable import MotCuaApp

/// The archive a page at a time, and sharing its items by link or with an agency: every opening logged for the
/// citizen, revocable, refused once ended, and never for someone else's item or a result no longer in force.
@Suite("Personal archive: pages and shares")
struct ArchiveSharingTests {
    struct ItemJSON: Decodable {
        let kind: String
        let id: String
        let state: String
    }

    struct PageJSON: Decodable {
        let items: [ItemJSON]
        let nextCursor: String?
    }

    struct ShareJSON: Decodable {
        let id: String
        let audience: String
        let state: String
        let accessCount: Int?
        let label: String?
        let item: ItemJSON
    }

    struct CreatedJSON: Decodable {
        let share: ShareJSON
        let token: String?
        let url: String?
    }

    struct SharedItemJSON: Decodable {
        let kind: String
        let state: String
        let holderName: String?
        let signerName: String?
        let issuer: String?
        let label: String?
        let fileName: String
    }

    /// A delivered birth-registration result of `RegistryPeople.singleAdult`, received and signed at the ward.
    static func deliveredResult(_ s: Scenario) async throws -> (dossier: DossierJSON, result: ResultJSON) {
        let received = try await s.receiveBirth()
        let result = try await s.signBirthResult(received.code)
        let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(received.code)").body)
        _ = try #require(try await s.clerk.transition(received.code, "return_result", version: done.version))
        return (received, result)
    }

    static func share(_ kind: String, _ id: String, audience: String = "link", agency: String? = nil, until: String, label: String? = nil) -> String {
        var body = #"{"kind":"\#(kind)","itemId":"\#(id)","audience":"\#(audience)","until":"\#(until)""#
        if let agency { body += #","agencyId":"\#(agency)""# }
        if let label { body += #","label":"\#(label)""# }
        return body + "}"
    }

    @Test("Pages list every item once, newest first, with a cursor stable across items of the same instant; filters and bad cursors", arguments: TestDatabase.backends)
    func pagination(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            // The clock stands still: every scan and the result share one instant, so only the tie-break orders them.
            try await withApp(backend, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let (_, result) = try await Self.deliveredResult(s)
                // Scans are filed while a dossier is open: a second dossier of the same person.
                let dossier = try await s.receiveBirth()
                var documents: [String] = []
                for _ in 0..<5 {
                    let scan = try await s.reception.upload(dossier.code, component: "birth_certificate", ScanSamples.pdf(pages: 1))
                    #expect(scan.status == .created, "\(scan.body)")
                    documents.append(try s.reception.decode(DocumentJSON.self, scan.body).id)
                }
                let citizen = try await citizenClient(raw, person, level: 1)
                let whole = try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive?limit=200").body)
                #expect(whole.items.count == 6 && whole.nextCursor == nil)
                #expect(Set(whole.items.map(\.id)) == Set(documents + [result.id]))
                var paged: [String] = []
                var cursor: String?
                repeat {
                    let query = "/api/v1/citizen/archive?limit=2" + (cursor.map { "&cursor=" + $0 } ?? "")
                    let page = try citizen.decode(PageJSON.self, try await citizen.call(.get, query).body)
                    #expect(page.items.count <= 2)
                    paged += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil && paged.count < 20
                #expect(paged == whole.items.map(\.id), "pages must follow the one order without gaps or repeats")

                let scans = try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive?kind=document").body)
                #expect(scans.items.count == 5 && scans.items.allSatisfy { $0.kind == "document" })
                let valid = try citizen.decode(PageJSON.self, try await citizen.call(.get, "/api/v1/citizen/archive?state=valid").body)
                #expect(valid.items.map(\.id) == [result.id])
                let bad = try await citizen.call(.get, "/api/v1/citizen/archive?cursor=bm90LWEtY3Vyc29y")
                #expect(bad.status == .badRequest && bad.body.contains("cursor"), "\(bad.body)")
                #expect(try await citizen.call(.get, "/api/v1/citizen/archive?limit=201").status == .badRequest)

                // One item: the owner sees it; another person gets the same 404 as for a missing item.
                let own = try await citizen.call(.get, "/api/v1/citizen/archive/result/\(result.id)")
                #expect(own.status == .ok && own.body.contains(result.id))
                #expect(try await citizen.call(.get, "/api/v1/citizen/archive/document/\(documents[0])").status == .ok)
                let other = try await citizenClient(raw, RegistryPeople.insured, level: 2)
                let foreign = try await other.call(.get, "/api/v1/citizen/archive/result/\(result.id)")
                let missing = try await other.call(.get, "/api/v1/citizen/archive/result/KQ-NOSUCH1")
                #expect(foreign.status == .notFound && missing.status == .notFound)
                #expect(try other.decode(PageJSON.self, try await other.call(.get, "/api/v1/citizen/archive").body).items.isEmpty)
                // The official's view through the dossier pages the same way.
                let view = try s.specialist.decode(
                    PageJSON.self, try await s.specialist.call(.get, "/api/v1/dossiers/\(dossier.code)/applicant-archive?limit=4").body)
                #expect(view.items.map(\.id) == Array(whole.items.map(\.id).prefix(4)) && view.nextCursor != nil)
            }
        }
    }

    @Test("A link opens the result with the holder's name, each opening is logged for the citizen, and revocation ends it", arguments: TestDatabase.backends)
    func linkShare(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let (_, result) = try await Self.deliveredResult(s)
                let citizen = try await citizenClient(raw, person, level: 2)
                // Bad requests first: nothing is shared by any of them.
                let past = try await citizen.call(.post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-06"))
                #expect(past.status == .unprocessableContent && past.body.contains("until"), "\(past.body)")
                let far = try await citizen.call(.post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2027-04-01"))
                #expect(far.status == .unprocessableContent, "\(far.body)")
                let control = try await citizen.call(
                    .post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-14", label: "Ng\\u0007n hàng"))
                // The project's contract check answers control characters with 422 naming the field, as everywhere.
                #expect(control.status == .unprocessableContent && control.body.contains(#""field":"label""#), "\(control.status) \(control.body)")
                let other = try await citizenClient(raw, RegistryPeople.insured, level: 2)
                let foreign = try await other.call(.post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-14"))
                #expect(foreign.status == .notFound, "\(foreign.body)")
                let levelOne = try await citizenClient(raw, person, level: 1)
                #expect(try await levelOne.call(.post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-14")).status == .forbidden)
                #expect(try citizen.decode([ShareJSON].self, try await citizen.call(.get, "/api/v1/citizen/shares").body).isEmpty)

                let response = try await citizen.call(
                    .post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-14", label: "Ngân hàng ABC"))
                #expect(response.status == .created, "\(response.body)")
                let created = try citizen.decode(CreatedJSON.self, response.body)
                let token = try #require(created.token)
                #expect(token.count == 43 && created.url?.hasSuffix("/shared/" + token) == true)

                let opened = try await s.anonymous.call(.get, "/api/v1/shared/\(token)")
                #expect(opened.status == .ok, "\(opened.body)")
                let item = try s.anonymous.decode(SharedItemJSON.self, opened.body)
                // The holder as the result names them (the registered child), in full: the citizen chose to share it.
                let holder = try #require(item.holderName)
                #expect(result.fields.values.contains(holder) && !holder.contains("*"), "\(opened.body)")
                #expect(item.state == "valid" && item.signerName != nil && item.label == "Ngân hàng ABC", "\(opened.body)")
                let page = try await s.anonymous.call(.get, "/shared/\(token)")
                #expect(page.status == .ok && page.body.contains(holder) && page.body.contains("shared-download"))
                let file = try await s.anonymous.call(.get, "/api/v1/shared/\(token)/file")
                #expect(file.status == .ok && file.body.split(separator: ".").count == 3, "a compact JWS")

                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.filter { $0.whoVi.contains("Ngân hàng ABC") }.count == 3, "\(access.items.map(\.whoVi))")
                var shares = try citizen.decode([ShareJSON].self, try await citizen.call(.get, "/api/v1/citizen/shares").body)
                #expect(shares.count == 1 && shares[0].accessCount == 3 && shares[0].state == "active" && shares[0].item.id == result.id)

                // The result revoked later: the link says so, never "valid"; it cannot be shared anew.
                _ = try await s.leader.call(.post, "/api/v1/results/\(result.id)/revoke", json: #"{"reason":"Cấp nhầm"}"#)
                #expect(try s.anonymous.decode(SharedItemJSON.self, try await s.anonymous.call(.get, "/api/v1/shared/\(token)").body).state == "revoked")
                let again = try await citizen.call(.post, "/api/v1/citizen/shares", json: Self.share("result", result.id, until: "2026-12-14"))
                #expect(again.status == .unprocessableContent && again.body.contains("revoked"), "\(again.body)")

                // Revoked by the citizen: the link answers 410 (the page too); a forged token 404.
                #expect(try await other.call(.post, "/api/v1/citizen/shares/\(created.share.id)/revoke").status == .notFound)
                let revoked = try await citizen.call(.post, "/api/v1/citizen/shares/\(created.share.id)/revoke")
                #expect(revoked.status == .ok && revoked.body.contains(#""state":"revoked""#), "\(revoked.body)")
                #expect(try await s.anonymous.call(.get, "/api/v1/shared/\(token)").status == .gone)
                #expect(try await s.anonymous.call(.get, "/api/v1/shared/\(token)/file").status == .gone)
                let refusedPage = try await s.anonymous.call(.get, "/shared/\(token)")
                #expect(refusedPage.status == .gone && refusedPage.body.contains("shared-refused") && !refusedPage.body.contains(holder))
                let forged = String(token.reversed())
                #expect(try await s.anonymous.call(.get, "/api/v1/shared/\(forged)").status == .notFound)
                #expect(try await s.anonymous.call(.get, "/shared/\(forged)").status == .notFound)
                shares = try citizen.decode([ShareJSON].self, try await citizen.call(.get, "/api/v1/citizen/shares").body)
                #expect(shares[0].state == "revoked" && shares[0].accessCount == 4)
            }
        }
    }

    @Test("A grant to an agency opens for its officials until it expires; another agency's official gets 404", arguments: TestDatabase.backends)
    func agencyGrant(backend: TestDatabase) async throws {
        let person = RegistryPeople.singleAdult
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await EIDSandbox.run { eid in
            try await withApp(backend, clock: clock, eid: eid.relyingParty) { raw, _ in
                let s = try await Scenario(raw)
                let dossier = try await s.receiveBirth()
                let scan = try await s.reception.upload(dossier.code, component: "birth_certificate", ScanSamples.pdf(pages: 2))
                let document = try s.reception.decode(DocumentJSON.self, scan.body)
                let citizen = try await citizenClient(raw, person, level: 2)
                let missingAgency = try await citizen.call(
                    .post, "/api/v1/citizen/shares", json: Self.share("document", document.id, audience: "agency", until: "2026-12-09"))
                #expect(missingAgency.status == .unprocessableContent && missingAgency.body.contains("agencyId"))
                let unknown = try await citizen.call(
                    .post, "/api/v1/citizen/shares", json: Self.share("document", document.id, audience: "agency", agency: "no-such", until: "2026-12-09"))
                #expect(unknown.status == .unprocessableContent)
                let response = try await citizen.call(
                    .post, "/api/v1/citizen/shares", json: Self.share("document", document.id, audience: "agency", agency: s.ward.id, until: "2026-12-09"))
                #expect(response.status == .created, "\(response.body)")
                let created = try citizen.decode(CreatedJSON.self, response.body)
                #expect(created.token == nil && created.share.audience == "agency")
                let link = try await citizen.call(.post, "/api/v1/citizen/shares", json: Self.share("document", document.id, until: "2026-12-09"))
                let token = try #require(try citizen.decode(CreatedJSON.self, link.body).token)

                let grants = try s.reception.decode([ShareJSON].self, try await s.reception.call(.get, "/api/v1/agency-shares").body)
                #expect(grants.map(\.id) == [created.share.id] && grants[0].accessCount == nil)
                let opened = try await s.reception.call(.get, "/api/v1/agency-shares/\(created.share.id)")
                #expect(opened.status == .ok && opened.body.contains(#""kind":"document""#), "\(opened.body)")
                let file = try await s.reception.download(dossier.code, id: document.id)
                let shared = try await s.reception.client.execute(
                    uri: "/api/v1/agency-shares/\(created.share.id)/file", method: .get,
                    headers: [.authorization: "Bearer " + (s.reception.token ?? "")]) { Array(buffer: $0.body) }
                #expect(shared == file.bytes)
                let centre = try await s.anonymous.signedIn("hcc.tiepnhan")
                #expect(try await centre.call(.get, "/api/v1/agency-shares/\(created.share.id)").status == .notFound)
                #expect(try centre.decode([ShareJSON].self, try await centre.call(.get, "/api/v1/agency-shares").body).isEmpty)
                let access = try citizen.decode(DataAccessJSON.self, try await citizen.call(.get, "/api/v1/citizen/data-access").body)
                #expect(access.items.contains { $0.purposeVi.contains("chia sẻ") && $0.whoVi.contains("tiếp nhận") }, "\(access.items.map(\.whoVi))")

                // The last day ends at midnight, Vietnam time: from then on both shares answer 410.
                // (Sessions lapse over days of a moved clock: everyone signs in again.)
                clock.set(vietnamTime(2026, 12, 9, 23, 59))
                var reception = try await s.anonymous.signedIn("kinhbac.tiepnhan")
                #expect(try await reception.call(.get, "/api/v1/agency-shares/\(created.share.id)").status == .ok)
                #expect(try await s.anonymous.call(.get, "/api/v1/shared/\(token)").status == .ok)
                clock.set(vietnamTime(2026, 12, 10, 0))
                reception = try await s.anonymous.signedIn("kinhbac.tiepnhan")
                #expect(try await reception.call(.get, "/api/v1/agency-shares/\(created.share.id)").status == .gone)
                #expect(try await s.anonymous.call(.get, "/api/v1/shared/\(token)").status == .gone)
                #expect(try reception.decode([ShareJSON].self, try await reception.call(.get, "/api/v1/agency-shares").body).isEmpty)
                let later = try await citizenClient(raw, person, level: 2)
                let shares = try later.decode([ShareJSON].self, try await later.call(.get, "/api/v1/citizen/shares").body)
                #expect(shares.count == 2 && shares.allSatisfy { $0.state == "expired" })
            }
        }
    }

    @Test("Opening shared links is limited per address (429 with Retry-After), forged tokens included")
    func linkRateLimit() async throws {
        try await withApp(.sqlite, configure: { $0.limits.verificationsPerMinute = 3 }) { raw, _ in
            let anonymous = Client(client: raw)
            for _ in 0..<3 { #expect(try await anonymous.call(.get, "/api/v1/shared/forged-token").status == .notFound) }
            let limited = try await anonymous.call(.get, "/shared/forged-token")
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil && limited.body.contains("shared-link"))
        }
    }
}
