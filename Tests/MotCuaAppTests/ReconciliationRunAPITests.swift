import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
@testable import MotCuaApp
import MotCuaDomain
import MotCuaReconciliation
import MotCuaRegistrySandbox
import MotCuaStorage
import MotCuaTestSupport
import Testing

@Suite("Reconciliation runs over the API and the sandbox register")
struct ReconciliationRunAPITests {
    static func importDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-import-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("A steward starts a run on files of the import directory; its findings land in the campaign", arguments: TestDatabase.backends)
    func stewardRunsReconciliationOverAPI(backend: TestDatabase) async throws {
        let directory = try Self.importDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try SyntheticGenerator.generate(SyntheticOptions(people: 3_000, records: 2_000, seed: 11, directory: directory))
        try await withApp(backend, configure: { $0.importDirectory = directory.path }, prepare: { platform in
            // The demo accounts, and a provincial steward (at the service centre) who may read every agency's applicants.
            _ = try await DemoSeeder(platform: platform).seed()
            let centre = try #require(platform.reference.agencies.agencies.first { $0.kind == .serviceCentre })
            _ = try await platform.officials.create(
                Official(
                    id: "tinh.dulieu", username: "tinh.dulieu", fullName: "Cán bộ dữ liệu tỉnh", role: .dataSteward, agencyID: centre.id,
                    passwordHash: try await AuthService.hash(DemoSeeder.demoPassword, cost: platform.configuration.bcryptCost)))
        }) { client, _ in
            let steward = try await Client(client: client).signedIn("stp.dulieu")
            let created = try await steward.call(.post, "/api/v1/campaigns", json: #"{"name":"Rà soát khai sinh"}"#)
            #expect(created.status == .created)
            let campaign = try steward.decode(CampaignJSON.self, created.body)
            // The run is a background job: 202 at once, then followed to its end.
            let run = try await steward.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: #"{"register":"register.csv","source":"source.csv"}"#)
            #expect(run.status == .accepted, "\(run.body)")
            let (_, done) = try await ReconciliationJobAPITests.follow(steward, try steward.decode(ReconciliationJobJSON.self, run.body).id)
            let summary = try #require(done.outcome)
            #expect(summary.sourceRows == 2_000 && summary.stored > 0 && summary.stored < 2_000)
            let campaigns = try steward.decode([CampaignJSON].self, try await steward.call(.get, "/api/v1/campaigns").body)
            #expect(campaigns.first { $0.id == campaign.id }?.total == summary.stored)
            // the platform's own applicants as the source
            let s = try await Scenario(client)
            _ = try await s.receiveBirth()
            // Every agency's applicants are for a provincial steward; the department's steward is refused.
            let json = #"{"register":"register.csv","source":"platform:applicants"}"#
            #expect(try await steward.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: json).status == .forbidden)
            let provincial = try await Client(client: client).signedIn("tinh.dulieu")
            let own = try await provincial.call(.post, "/api/v1/campaigns/\(campaign.id)/runs", json: json)
            #expect(own.status == .accepted, "\(own.body)")
            let (_, applicants) = try await ReconciliationJobAPITests.follow(provincial, try steward.decode(ReconciliationJobJSON.self, own.body).id)
            #expect(applicants.state == "succeeded" && applicants.outcome?.sourceRows == 1, "\(applicants.reason ?? "")")
        }
    }

    @Test("The sandbox's register export reconciles: its own people match by ID, and old IDs convert")
    func sandboxRegisterExportIsAReconciliationRegister() async throws {
        let directory = try Self.importDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = RegistryGenerator(seed: 5, people: 3_000).generate()
        let register = directory.appendingPathComponent("register.csv")
        try RegisterExport.writeCSV(registry, to: register)
        // a source of 200 people, half recorded with their new ID, the rest with the old ID where they have one
        var lines = ["record_id,citizen_id,full_name,date_of_birth,sex"]
        var legacy = 0
        for index in 0..<200 {
            let person = try #require(registry.person(at: index * 7))
            let id = index % 2 == 1 ? (person.legacyID?.value ?? person.citizenID.value) : person.citizenID.value
            if id.count == 9 { legacy += 1 }
            lines.append("R\(index),\(id),\(person.fullName),\(person.dateOfBirth.description),\(person.sex.rawValue)")
        }
        let source = directory.appendingPathComponent("source.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: source, atomically: true, encoding: .utf8)
        let report = try await Reconciler.run(ReconciliationOptions(register: register, source: source))
        #expect(report.registerRows == registry.personCount)
        #expect(report.sourceRows == 200)
        #expect((report.kindCounts["legacy_id_conversion"] ?? 0) == legacy)
        #expect((report.kindCounts["no_match"] ?? 0) == 0)
    }
}

struct RunSummaryJSON: Decodable {
    let runId: String
    let sourceRows: Int
    let stored: Int
}
