import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MotCuaAPI
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage
import MotCuaTestSupport
import Synchronization
import Testing

@testable import MotCuaApp

/// The whole authorization matrix, checked against the running application: every operation of the
/// served OpenAPI document and every route beside it, called by every kind of party (anonymous, citizens
/// of e-ID level 1 and 2, every role at the dossier's own agency, at another commune and at the provincial
/// service centre), on a dossier that belongs to one agency and one citizen.
@Suite("Access matrix: every operation, every party, own and other agency, own and other person")
struct AccessMatrixTests {
    /// The API's operations as the served spec lists them: operationId → (method, path template).
    static func specOperations(_ yaml: String) -> [String: (method: HTTPRequest.Method, path: String)] {
        var operations: [String: (HTTPRequest.Method, String)] = [:]
        var inPaths = false
        var path: String?
        var method: HTTPRequest.Method?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line.hasPrefix("paths:") }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    ") && !line.hasPrefix("     "), line.hasSuffix(":") {
                method = HTTPRequest.Method(String(line.dropFirst(4).dropLast()).uppercased())
            } else if let range = line.range(of: "operationId:"), let path, let method {
                operations[line[range.upperBound...].trimmingCharacters(in: .whitespaces)] = (method, "/api/v1" + path)
            }
        }
        return operations
    }

    @Test("Every operationId of the served spec has exactly one operation in the policy, and every operation a rule")
    func specAndPolicyAgree() async throws {
        try await withApp(.sqlite) { raw, _ in
            let yaml = try await Client(client: raw).call(.get, "/openapi.yaml").body
            let spec = Set(Self.specOperations(yaml).keys)
            let declared = Set(PlatformOperation.allCases.filter(\.isAPIOperation).map(\.rawValue))
            #expect(spec.count >= 26)
            #expect(spec.subtracting(declared).isEmpty, "operations without a declared access rule: \(spec.subtracting(declared).sorted())")
            #expect(declared.subtracting(spec).isEmpty, "rules for operations the spec no longer has: \(declared.subtracting(spec).sorted())")
            for operation in PlatformOperation.allCases {
                #expect(!AccessPolicy.grants(for: operation).isEmpty, "\(operation.rawValue) has no grant")
            }
        }
    }

    @Test("Every route the router serves belongs to an operation of the policy, and every declared route is served")
    func everyRouteHasARule() async throws {
        var configuration = AppConfiguration()
        guard case .sqlite(let path) = try await TestDatabase.sqlite.make() else { return }
        configuration.sqlitePath = path
        let served = try await Platform.withPlatform(configuration, logger: Logger(label: "routes")) { platform in
            let registry = HTTPRegistryClient(httpClient: .shared, configuration: RegistryClientConfiguration(baseURL: "http://127.0.0.1:9"))
            let eid = EIDRelyingParty(
                issuer: "http://127.0.0.1:9/eid", clientID: "motcua", redirectURI: "http://127.0.0.1:8080/auth/eid/callback", httpClient: .shared,
                now: { Date() })
            let tokenKeys = try await TokenKeys.load(platform.keys.token)
            let router = try buildRouter(platform: platform, registryClient: registry, tokenKeys: tokenKeys, now: { Date() }, eid: eid).router
            // Path captures print as `{name}` or `:name` depending on how they were registered.
            return Set(router.routes.map { route in
                "\(route.method) " + route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { part in
                    part.hasPrefix(":") ? "{" + part.dropFirst() + "}" : String(part)
                }.joined(separator: "/")
            })
        }
        let yaml = try String(contentsOf: try #require(OpenAPIDocument.url), encoding: .utf8)
        let api = Set(Self.specOperations(yaml).values.map { "\($0.method) \($0.path)" })
        let beside = Set(PlatformOperation.allCases.flatMap(\.routes))
        #expect(served.count >= api.count + beside.count)
        #expect(served.subtracting(api).subtracting(beside).isEmpty, "routes without an access rule: \(served.subtracting(api).subtracting(beside).sorted())")
        #expect(api.subtracting(served).isEmpty, "spec operations the router does not serve: \(api.subtracting(served).sorted())")
        #expect(beside.subtracting(served).isEmpty, "declared routes the router does not serve: \(beside.subtracting(served).sorted())")
    }

    @Test("An operationId the policy does not know is refused (fail closed)")
    func unknownOperationRefused() {
        #expect(PlatformOperation(operationID: "deleteEverything") == nil)
        #expect(PlatformOperation(operationID: "GET /healthz") == nil)
        #expect(PlatformOperation(operationID: "getDossier") == .getDossier)
    }

    /// What a probe touches, which decides the answer for a party the policy lets in.
    enum Target: Equatable {
        /// Nothing a scope can exclude (lists filtered to the caller, public data, the caller's own data).
        case none
        /// The dossier received and handled by the ward, whose applicant is citizen A.
        case wardDossier
        /// The ward's data-cleaning campaign, or a finding in it.
        case wardCampaign
        /// A listing filtered to the caller: outside the scope of the ward's records, `marker` (the dossier
        /// code, the applicant's ID, the campaign id) must not appear in it.
        case listing(marker: String)
    }

    /// One request per operation; the switch is exhaustive, so a new operation needs a probe to compile.
    struct Probe {
        var method: HTTPRequest.Method = .get
        var path: String
        var body: String?
        var target: Target = .none
        /// A file sent as the body (an upload) instead of JSON.
        var file: [UInt8]?
        var contentType = "application/pdf"
    }

    struct Fixture {
        let dossierCode: String
        let applicant: String
        let idLast4: String
        let wardID: String
        let procedureCode: String
        let campaignID: String
        let findingID: String
        /// A scan filed for the ward's dossier.
        let documentID: String
        /// A birth registration of the same applicant at the ward, signed and delivered, and its result.
        let resultDossierCode: String
        let resultID: String
        /// A legacy register book of the ward, an entry of it linked to the applicant, one in review, one open.
        let legacy: LegacyFixture
        /// A succeeded reconciliation job of the ward's campaign.
        var jobID = ""
    }

    struct LegacyFixture: Sendable {
        let bookID: String
        let linkedEntryID: String
        let reviewEntryID: String
        let openEntryID: String
    }

    /// Imports a small book for the ward and moves two entries through entry, verification and linking.
    static func legacyFixture(_ platform: Platform, ward: String, applicant: CitizenID) async throws -> LegacyFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-matrix-book-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        try LegacySampleBook.write(to: folder, pages: 1, entriesPerPage: 3, label: "ma trận")
        let registers = platform.legacyRegisters
        let book = try await LegacyRegisterImporter(blobs: try platform.documentBlobs(), registers: registers).importFolder(
            folder, identity: try RegisterBookIdentity(agencyID: ward, kind: .birth, book: "MT", year: 1998), by: "matrix")
        var verified: [String] = []
        for _ in 0..<2 {
            let slot = try #require(try await registers.takeNext(agencyID: ward, by: "matrix-typist"))
            let record = LegacyRecord(
                fullName: "Nguyễn Thị Hoa", sex: .female, dateOfBirth: RecordedDate(date: LocalDate(year: 1998, month: 3, day: 14)!), place: "Kinh Bắc",
                registrationDate: LocalDate(year: 1998, month: 3, day: 20)!, registrationNumber: "1")
            let entered = try await registers.submit(entryID: slot.id, record: record, expectedVersion: slot.version, by: "matrix-typist")
            _ = try await registers.verify(entryID: slot.id, accept: true, reason: nil, expectedVersion: entered.version, by: "matrix-verifier")
            verified.append(slot.id)
        }
        try await registers.recordLinks(
            [
                LegacyLinkDecision(entryID: verified[0], state: .linked, citizenID: applicant.value, score: 30),
                LegacyLinkDecision(entryID: verified[1], state: .review, citizenID: applicant.value, score: 7),
            ], by: "matrix")
        let open = try #require(try await registers.takeNext(agencyID: ward, by: "matrix-typist"))
        return LegacyFixture(bookID: book.id, linkedEntryID: verified[0], reviewEntryID: verified[1], openEntryID: open.id)
    }

    static func probe(
        _ operation: PlatformOperation, spec: [String: (method: HTTPRequest.Method, path: String)], _ f: Fixture
    ) throws -> Probe {
        func api(_ values: [String: String], query: String = "", body: String? = nil, target: Target = .none) throws -> Probe {
            let entry = try #require(spec[operation.rawValue], "\(operation.rawValue) is not in the spec")
            var path = entry.path
            for (name, value) in values { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
            #expect(!path.contains("{"), "\(operation.rawValue): unfilled parameter in \(path)")
            return Probe(method: entry.method, path: path + query, body: body, target: target)
        }
        switch operation {
        case .signIn: return try api([:], body: #"{"username":"kinhbac.trakq","password":"\#(DemoSeeder.demoPassword)"}"#)
        // Ends the party's session: the matrix signs the party in again after this probe.
        case .signOut: return try api([:])
        // A new password below the policy: a party allowed to change its password gets 422, and nothing changes.
        case .changePassword: return try api([:], body: #"{"currentPassword":"x","newPassword":"ngắn"}"#)
        case .getMe, .listOfficials, .listProcedures, .listAgencies, .getCitizenMe, .getMyProfile:
            return try api([:])
        case .listMyDataAccess: return try api([:], target: .listing(marker: f.dossierCode))
        case .listCampaigns: return try api([:], target: .listing(marker: f.campaignID))
        case .getProcedure: return try api(["code": f.procedureCode])
        case .getAgency: return try api(["id": f.wardID])
        // An unknown procedure: a party the policy admits gets 422, and nothing is written.
        case .createDossier:
            return try api(
                [:], body: #"{"procedureCode":"no-such","agencyId":"\#(f.wardID)","applicant":{"citizenId":"\#(f.applicant)","fullName":"Tên"},"channel":"counter"}"#)
        case .listDossiers: return try api([:], target: .listing(marker: f.dossierCode))
        case .getDossier, .getDossierHistory, .explainDossierDeadline: return try api(["code": f.dossierCode], target: .wardDossier)
        case .printDossierForm: return try api(["code": f.dossierCode, "form": "06"], target: .wardDossier)
        // An unknown component: a party who may file scans for the dossier gets 422, and nothing is stored.
        case .uploadDossierDocument:
            var probe = try api(["code": f.dossierCode, "component": "no_such_component"], target: .wardDossier)
            probe.file = ScanSamples.pdf(pages: 1)
            return probe
        case .listDossierDocuments: return try api(["code": f.dossierCode], target: .wardDossier)
        case .downloadDossierDocument: return try api(["code": f.dossierCode, "id": f.documentID], target: .wardDossier)
        // The ward's register: its officials and provincial monitors see it; other agencies' officials get 404.
        case .printRegister: return try api(["id": f.wardID], query: "?from=2026-12-01&to=2026-12-31", target: .wardDossier)
        // A stale version: a party who may act on the dossier gets 409, and nothing changes.
        case .transitionDossier:
            return try api(["code": f.dossierCode], body: #"{"action":"withdraw","version":999,"reason":"thử"}"#, target: .wardDossier)
        // Look-ups tied to the ward's dossier: its agency's officials may, other agencies' get 404. (Which role
        // may state which counter purpose is checked in RegistryLookupAPITests.)
        case .lookUpProfile:
            return try api(
                [:], body: #"{"citizenId":"\#(f.applicant)","purpose":"dossier","dossierCode":"\#(f.dossierCode)"}"#, target: .wardDossier)
        case .getInsuranceStatus:
            return try api(["citizenId": f.applicant], query: "?purpose=dossier&dossierCode=\(f.dossierCode)", target: .wardDossier)
        case .searchAccessLog: return try api([:], target: .listing(marker: f.applicant))
        case .getPublicStatus: return try api(["code": f.dossierCode], query: "?idLast4=\(f.idLast4)")
        case .createCampaign: return try api([:], body: #"{"name":"Ma trận quyền"}"#)
        case .listFindings, .exportCorrections: return try api(["id": f.campaignID], target: .wardCampaign)
        case .runReconciliation:
            return try api(["id": f.campaignID], body: #"{"register":"no-such.csv","source":"no-such.csv"}"#, target: .wardCampaign)
        case .listFindingDecisions: return try api(["id": f.findingID], target: .wardCampaign)
        case .listReconciliationJobs: return try api(["id": f.campaignID], target: .wardCampaign)
        case .getReconciliationJob: return try api(["id": f.jobID], target: .wardCampaign)
        // The job has succeeded: a steward in scope gets 409 (nothing to cancel or resume), others 404.
        case .cancelReconciliationJob, .resumeReconciliationJob: return try api(["id": f.jobID], target: .wardCampaign)
        // The ward's campaign has no old-ID conversion: a steward in scope converts nothing (200), others get 404.
        case .applyConversions: return try api(["id": f.campaignID], body: #"{"update":"convert_land_owner"}"#, target: .wardCampaign)
        case .listRegistryUpdates: return try api([:], query: "?state=queued")
        case .decideFinding: return try api(["id": f.findingID], body: #"{"decision":"accept","version":999}"#, target: .wardCampaign)
        case .getDossierResult: return try api(["code": f.resultDossierCode], target: .wardDossier)
        // Bodies a granted caller gets refused for (422, 409): nothing is prepared, signed, revoked or corrected.
        case .prepareDossierResult:
            return try api(["code": f.dossierCode], body: #"{"version":999,"fields":{}}"#, target: .wardDossier)
        case .signDossierResult: return try api(["code": f.dossierCode], body: #"{"version":999}"#, target: .wardDossier)
        case .listSigningQueue: return try api([:])
        case .signResultBatch: return try api([:], body: #"{"codes":["\#(f.dossierCode)"]}"#)
        case .getResult, .downloadResult, .printResult: return try api(["id": f.resultID], target: .wardDossier)
        // The first leader in scope revokes the result; later ones get 409 (already revoked), never 404.
        case .revokeResult: return try api(["id": f.resultID], body: #"{"reason":"Ma trận quyền"}"#, target: .wardDossier)
        case .correctResult: return try api(["id": f.resultID], body: #"{"reason":"Ma trận quyền","fields":{}}"#, target: .wardDossier)
        case .listCitizenResults, .listCitizenArchive: return try api([:], target: .listing(marker: f.resultID))
        case .listApplicantArchive: return try api(["code": f.resultDossierCode], target: .wardDossier)
        case .getCitizenArchiveItem: return try api(["kind": "result", "id": f.resultID], target: .wardDossier)
        // An end date long past: the applicant gets 422 and nothing is shared; another citizen 404 (not their item).
        case .createArchiveShare:
            return try api([:], body: #"{"kind":"result","itemId":"\#(f.resultID)","audience":"link","until":"2000-01-01"}"#, target: .wardDossier)
        case .listArchiveShares, .listAgencyShares: return try api([:])
        // Unknown shares and a forged token: whoever the policy admits gets 404.
        case .revokeArchiveShare, .openAgencyShare, .downloadAgencyShare: return try api(["id": "no-such-share"])
        case .openSharedLink, .downloadSharedLink: return try api(["token": "forged-token"])
        case .sharedPage: return Probe(path: "/shared/forged-token")
        case .getMyRequirements: return try api(["code": f.procedureCode])
        // Counts without personal data; an own-agency leader gets their agency whatever the target.
        case .getZeroPaperScore, .exportZeroPaperScore: return try api([:], query: "?from=2026-01&to=2026-12")
        // A folder the import directory does not have: a party who may import gets 422, and nothing is written.
        case .importLegacyBook: return try api([:], body: #"{"folder":"no-such-folder","kind":"birth","book":"01","year":1998}"#)
        // A file that is not a ZIP: a party who may import gets 415, and nothing is written.
        case .uploadLegacyBookArchive:
            var probe = try api([:], query: "?kind=birth&book=01&year=1998")
            probe.file = ScanSamples.pdf(pages: 1)
            probe.contentType = "application/zip"
            return probe
        // The queue of the caller's own commune: the ward's officers get a slot, others an empty queue (204).
        case .takeLegacyEntry, .listLegacyVerifications: return try api([:])
        // Bodies a granted caller of the ward gets refused for (422 without a place of birth, 409 for a stale
        // version): nothing is typed or verified; other communes' officers get 404.
        case .submitLegacyEntry:
            return try api(
                ["id": f.legacy.openEntryID],
                body: #"{"version":999,"fullName":"Nguyễn Văn An","registrationDate":"1998-01-02","registrationNumber":"1"}"#, target: .wardDossier)
        case .verifyLegacyEntry:
            return try api(["id": f.legacy.openEntryID], body: #"{"version":999,"decision":"accept"}"#, target: .wardDossier)
        case .downloadLegacyPage: return try api(["id": f.legacy.bookID, "page": "1"], target: .wardDossier)
        case .getLegacyProgress: return try api([:], target: .listing(marker: f.legacy.bookID))
        case .listLegacyReview: return try api([:], target: .listing(marker: f.legacy.reviewEntryID))
        case .decideLegacyLink:
            return try api(["id": f.legacy.reviewEntryID], body: #"{"version":999,"decision":"reject"}"#, target: .wardDossier)
        case .downloadMyLegacyPage: return try api(["id": f.legacy.linkedEntryID], target: .wardDossier)
        case .verifyResult: return try api(["id": f.resultID])
        case .verifyResultFile: return try api([:], body: #"{"jws":"a.b.c"}"#)
        // The ward's index: its leaders, monitors and auditors and provincial monitors and auditors; other
        // agencies' officials get 404.
        case .getIndex: return try api([:], query: "?period=2026-12&agency=\(f.wardID)", target: .wardDossier)
        case .listIndexDossiers, .exportIndexDossiers:
            return try api(["id": "2.1"], query: "?period=2026-12&agency=\(f.wardID)", target: .wardDossier)
        case .getPublicIndex: return try api([:], query: "?period=2026-12")
        // The ward's operations centre and monthly report: its leaders and monitors (and auditors for the report),
        // provincial monitors (and auditors); other agencies' officials get 404.
        case .getOperationsSnapshot, .getOperationsPanel: return try api([:], query: "?agency=\(f.wardID)", target: .wardDossier)
        case .exportOperationsTable: return try api([:], query: "?table=overdue&agency=\(f.wardID)", target: .wardDossier)
        case .getMonthlyReport: return try api([:], query: "?period=2026-12&agency=\(f.wardID)", target: .wardDossier)
        case .exportMonthlyReport: return try api([:], query: "?period=2026-12&table=units&agency=\(f.wardID)", target: .wardDossier)
        case .operationsPage: return Probe(path: "/dieu-hanh")
        case .transparencyPage: return Probe(path: "/minh-bach")
        // A level outside the scale on the applicant's returned dossier: its applicant (online) and the ward's counter
        // officers get 422 and nothing is recorded; anyone else 404.
        case .rateDossier, .rateDossierAtCounter:
            return try api(["code": f.resultDossierCode], body: #"{"level":9}"#, target: .wardDossier)
        // Empty content: a citizen gets 422 and nothing is filed.
        case .createPetition: return try api([:], body: #"{"category":"procedure","content":" ","agencyId":"\#(f.wardID)"}"#)
        case .listMyPetitions, .listPetitions, .listPublishedPetitions: return try api([:])
        // An unknown petition: whoever the policy admits gets 404.
        case .respondToPetition:
            return try api(["id": "no-such-petition"], body: #"{"action":"feedback","version":1,"satisfied":true}"#)
        case .actOnPetition: return try api(["id": "no-such-petition"], body: #"{"action":"answer","version":1,"text":"Trả lời"}"#)
        case .getPetitionHistory: return try api(["id": "no-such-petition"])
        case .petitionsPage: return Probe(path: "/phan-anh-kien-nghi")
        case .satisfactionDeskPages: return Probe(path: "/counter/petitions")
        case .verifyPage: return Probe(path: "/verify/\(f.resultID)")
        case .signingPublications: return Probe(path: "/ca.pem")
        case .healthCheck: return Probe(path: "/healthz")
        case .metrics: return Probe(path: "/metrics")
        case .openAPIDocument: return Probe(path: "/openapi.yaml")
        case .webPage: return Probe(path: "/counter")
        case .webAsset: return Probe(path: "/assets/counter.js")
        case .eidStart: return Probe(path: "/auth/eid/start?return_to=/citizen")
        case .eidCallback: return Probe(path: "/auth/eid/callback?state=x&code=y")
        }
    }

    /// A signed-in (or anonymous) party and where it stands relative to the ward's dossier.
    struct Party {
        let label: String
        let party: AccessParty
        var client: Client
        /// Signs the party in again (after the sign-out probe).
        let renew: @Sendable () async throws -> Client
        /// The official's agency, nil for citizens and anonymous.
        let agencyID: String?
        /// For citizens: whether they are the dossier's applicant.
        let isApplicant: Bool
    }

    /// Officials of every role at the ward (own agency), at another commune, and at the service centre.
    static func accounts(ward: String, otherCommune: String, centre: String) -> [(username: String, role: Role, agency: String)] {
        Role.allCases.flatMap { role in
            [("m.own." + role.rawValue, role, ward), ("m.other." + role.rawValue, role, otherCommune), ("m.prov." + role.rawValue, role, centre)]
        }
    }

    @Test("Every cell of the matrix answers as the policy says: allowed, refused (401/403), or hidden (404)", arguments: TestDatabase.backends)
    func everyCell(backend: TestDatabase) async throws {
        let applicant = RegistryPeople.singleAdult
        let otherCitizen = RegistryPeople.insured
        let agencies = try ReferenceData.load(dataDirectory: nil, calendarDirectory: nil).agencies
        let ward = try #require(agencies.agencies.first { $0.administrativeCode == "09187" })
        let otherCommune = try #require(agencies.communes.first { $0.id != ward.id })
        let centre = try #require(agencies.agencies.first { $0.kind == .serviceCentre })
        let accounts = Self.accounts(ward: ward.id, otherCommune: otherCommune.id, centre: centre.id)
        let legacy = Mutex<LegacyFixture?>(nil)
        let job = Mutex<String?>(nil)
        try await EIDSandbox.run { eid in
            try await withApp(backend, eid: eid.relyingParty, prepare: { platform in
                _ = try await DemoSeeder(platform: platform).seed()
                let hash = try await AuthService.hash(DemoSeeder.demoPassword, cost: platform.configuration.bcryptCost)
                for account in accounts {
                    _ = try await platform.officials.create(
                        Official(id: account.username, username: account.username, fullName: "Cán bộ Ma Trận", role: account.role,
                                 agencyID: account.agency, passwordHash: hash))
                }
                let campaign = try await platform.worklist.campaign(
                    named: "Ma trận", description: nil, createdBy: "m.own.data_steward", agencyID: ward.id)
                try await platform.worklist.storeRun(
                    campaignID: campaign.id, sourceName: "matrix.csv",
                    findings: [
                        FindingInput(
                            sourceRecordID: "M-1", sourceLine: 2, kinds: ["event_missing_from_register"], citizenID: applicant.citizenID.value,
                            automatic: true, payload: WorklistTests.payload("M-1", "event_missing_from_register"))
                    ], createdBy: "m.own.data_steward")
                // A job of the campaign that ran (with nothing to publish) to success.
                let jobs = SQLReconciliationJobs(store: platform.store)
                let queued = try await jobs.create(
                    campaignID: campaign.id, inputs: .init(register: "matrix.csv", source: "matrix.csv", registerMapping: nil, sourceMapping: nil),
                    createdBy: "m.own.data_steward", at: Date())
                _ = try #require(try await jobs.claimNext(at: Date()))
                let succeeded = try await jobs.publish(id: queued.id, sourceName: "matrix.csv", registerRows: 0, sourceRows: 0, kinds: [:], at: Date())
                job.withLock { $0 = succeeded.id }
                let made = try await Self.legacyFixture(platform, ward: ward.id, applicant: applicant.citizenID)
                legacy.withLock { $0 = made }
            }) { raw, _ in
                let anonymous = Client(client: raw)
                let s = try await Scenario(raw)
                let received = try await s.reception.call(
                    .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: applicant.citizenID.value, name: applicant.fullName))
                #expect(received.status == .created, "\(received.body)")
                let dossier = try s.reception.decode(DossierJSON.self, received.body)
                let steward = try await anonymous.signedIn("m.prov.data_steward")
                let campaigns = try steward.decode([CampaignJSON].self, try await steward.call(.get, "/api/v1/campaigns").body)
                let campaignID = try #require(campaigns.first?.id)
                let findings = try steward.decode(
                    FindingPageJSON.self, try await steward.call(.get, "/api/v1/campaigns/\(campaignID)/findings").body)
                let scan = try await s.reception.upload(dossier.code, component: "birth_certificate", ScanSamples.pdf(pages: 1))
                #expect(scan.status == .created, "\(scan.body)")
                let document = try s.reception.decode(DocumentJSON.self, scan.body)
                let second = try await s.reception.call(
                    .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: applicant.citizenID.value, name: applicant.fullName))
                let resultDossier = try s.reception.decode(DossierJSON.self, second.body)
                let result = try await s.signBirthResult(resultDossier.code)
                let done = try s.clerk.decode(DossierJSON.self, try await s.clerk.call(.get, "/api/v1/dossiers/\(resultDossier.code)").body)
                _ = try #require(try await s.clerk.transition(resultDossier.code, "return_result", version: done.version))
                let fixture = Fixture(
                    dossierCode: dossier.code, applicant: applicant.citizenID.value, idLast4: String(applicant.citizenID.value.suffix(4)),
                    wardID: ward.id, procedureCode: s.birth.code, campaignID: campaignID, findingID: try #require(findings.items.first?.id),
                    documentID: document.id, resultDossierCode: resultDossier.code, resultID: result.id,
                    legacy: try #require(legacy.withLock { $0 }), jobID: try #require(job.withLock { $0 }))

                var parties = [
                    Party(label: "anonymous", party: .anonymous, client: anonymous, renew: { anonymous }, agencyID: nil, isApplicant: false)
                ]
                for level in [1, 2] {
                    let renew: @Sendable () async throws -> Client = { try await citizenClient(raw, applicant, level: level) }
                    parties.append(Party(
                        label: "applicant, e-ID level \(level)", party: .citizen(level: level), client: try await renew(), renew: renew,
                        agencyID: nil, isApplicant: true))
                }
                let renewOther: @Sendable () async throws -> Client = { try await citizenClient(raw, otherCitizen, level: 2) }
                parties.append(Party(
                    label: "another citizen, level 2", party: .citizen(level: 2), client: try await renewOther(), renew: renewOther,
                    agencyID: nil, isApplicant: false))
                for account in accounts {
                    let renew: @Sendable () async throws -> Client = { try await anonymous.signedIn(account.username) }
                    parties.append(Party(
                        label: account.username, party: .official(account.role, provincial: account.agency == centre.id),
                        client: try await renew(), renew: renew, agencyID: account.agency, isApplicant: false))
                }

                let spec = Self.specOperations(try await anonymous.call(.get, "/openapi.yaml").body)
                var cells = 0
                for operation in PlatformOperation.allCases {
                    let probe = try Self.probe(operation, spec: spec, fixture)
                    for index in parties.indices {
                        let party = parties[index]
                        let response = if let file = probe.file {
                            try await party.client.send(probe.method, probe.path, bytes: file, contentType: probe.contentType)
                        } else {
                            try await party.client.call(probe.method, probe.path, json: probe.body)
                        }
                        if operation == .signOut { parties[index].client = try await party.renew() }
                        let status = response.status.code
                        let cell = "\(operation.rawValue) as \(party.label): \(status) \(response.body.prefix(200))"
                        cells += 1
                        #expect(status < 500, "\(cell)")
                        guard let scope = AccessPolicy.scope(of: operation, for: party.party) else {
                            #expect(status == (party.party == .anonymous ? 401 : 403), "refused by the policy, but \(cell)")
                            continue
                        }
                        #expect(status != 401 && status != 403, "allowed by the policy, but \(cell)")
                        guard probe.target != .none else { continue }
                        let visible: Bool
                        switch (scope, party.agencyID) {
                        case (.province, .some): visible = true
                        case (.ownAgency, .some(let agency)): visible = agency == ward.id
                        case (.ownPerson, nil): visible = party.isApplicant
                        default: visible = false
                        }
                        if case .listing(let marker) = probe.target {
                            #expect(status == 200, "\(cell)")
                            if !visible { #expect(!response.body.contains(marker), "outside the caller's scope, but listed: \(cell)") }
                            // Lists default to the caller's own agency or person, so the ward's own people find it.
                            if scope != .province && visible {
                                #expect(response.body.contains(marker), "within the caller's own scope, but not listed: \(cell)")
                            }
                        } else if visible {
                            #expect(status != 404, "within scope, but \(cell)")
                        } else {
                            #expect(status == 404, "outside the caller's scope, the dossier must be hidden: \(cell)")
                        }
                    }
                }
                #expect(cells == PlatformOperation.allCases.count * parties.count)
            }
        }
    }
}
