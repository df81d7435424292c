import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@Suite("Data stewards' worklist")
struct WorklistTests {
    static func payload(_ id: String, _ kind: String) -> String {
        #"{"sourceRecordID":"\#(id)","sourceLine":2,"kinds":["\#(kind)"],"method":"exact_id","automatic":true,"citizenID":"027090001234","discrepancies":[{"field":"marital_status","sourceValue":"married","registerValue":"single"}],"evidence":["marriage registered, profile says single"]}"#
    }

    @Test("A steward reviews a campaign: accept, reject with a reason, edit; every decision is logged and corrections export as CSV", arguments: TestDatabase.backends)
    func stewardWorksThroughCampaign(backend: TestDatabase) async throws {
        try await withApp(backend) { client, configuration in
            // given a stored run of three findings
            let campaignID = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                let campaign = try await platform.worklist.campaign(
                    named: "Rà soát kết hôn 90 ngày", description: nil, createdBy: "test", agencyID: "so-tu-phap")
                let inputs = (1...3).map {
                    FindingInput(
                        sourceRecordID: "HT-\($0)", sourceLine: $0 + 1, kinds: ["event_missing_from_register"], citizenID: "027090001234",
                        automatic: true, payload: Self.payload("HT-\($0)", "event_missing_from_register"))
                }
                try await platform.worklist.storeRun(campaignID: campaign.id, sourceName: "marriages.csv", findings: inputs, createdBy: "test")
                // A second steward of the department, who confirms the first one's corrections.
                try await createOfficial(platform, "stp.dulieu2", .dataSteward, agency: "so-tu-phap")
                return campaign.id
            }
            let anonymous = Client(client: client)
            let steward = try await anonymous.signedIn("stp.dulieu")
            let reception = try await anonymous.signedIn("kinhbac.tiepnhan")
            #expect(try await reception.call(.get, "/api/v1/campaigns").status == .forbidden)
            #expect(try await steward.call(.get, "/api/v1/campaigns/no-such-campaign/findings").status == .notFound)
            let page = try steward.decode(FindingPageJSON.self, try await steward.call(.get, "/api/v1/campaigns/\(campaignID)/findings?status=open").body)
            #expect(page.items.count == 3)
            #expect(page.items[0].detail["evidence"] != nil)
            let ids = page.items.map(\.id)
            func decide(_ id: String, _ json: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await steward.call(.post, "/api/v1/findings/\(id)/decisions", json: json)
                return (response.status, response.body)
            }
            #expect(try await decide(ids[0], #"{"decision":"accept","version":1}"#).0 == .ok)
            #expect(try await decide(ids[0], #"{"decision":"reject","version":1,"reason":"late"}"#).0 == .conflict)
            #expect(try await decide(ids[1], #"{"decision":"reject","version":1}"#).0 == .unprocessableContent)
            #expect(try await decide(ids[1], #"{"decision":"reject","version":1,"reason":"Đã ly hôn trước đó"}"#).0 == .ok)
            #expect(try await decide(ids[2], #"{"decision":"edit","version":1,"correction":{"spouse_id":"027192004567"}}"#).0 == .ok)
            let campaigns = try steward.decode([CampaignJSON].self, try await steward.call(.get, "/api/v1/campaigns").body)
            let progress = try #require(campaigns.first { $0.id == campaignID })
            #expect(progress.total == 3 && progress.reviewed == 3 && progress.corrected == 2 && progress.open == 0)
            let log = try await steward.call(.get, "/api/v1/findings/\(ids[2])/decisions")
            #expect(log.body.contains("stp.dulieu") && log.body.contains("027192004567"))
            // Four eyes: nothing is exported until a second steward confirms; one cannot confirm one's own.
            let unconfirmed = try await steward.call(.get, "/api/v1/campaigns/\(campaignID)/corrections.csv")
            #expect(unconfirmed.body.split(separator: "\r\n").count == 1)
            #expect(try await decide(ids[2], #"{"decision":"confirm","version":2}"#).0 == .forbidden)
            let second = try await anonymous.signedIn("stp.dulieu2")
            func confirm(_ id: String, version: Int) async throws -> HTTPResponse.Status {
                try await second.call(.post, "/api/v1/findings/\(id)/decisions", json: #"{"decision":"confirm","version":\#(version)}"#).status
            }
            #expect(try await confirm(ids[1], version: 2) == .conflict)
            #expect(try await confirm(ids[0], version: 2) == .ok)
            #expect(try await confirm(ids[2], version: 2) == .ok)
            let csv = try await steward.call(.get, "/api/v1/campaigns/\(campaignID)/corrections.csv")
            #expect(csv.status == .ok)
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains("HT-3") && $0.contains("spouse_id=027192004567") })
            #expect(!lines.contains { $0.contains("HT-2") })
        }
    }
}

struct FindingJSON: Decodable {
    let id: String
    let status: String
    let version: Int
    let detail: [String: JSONValue]
    /// The update requests its corrections sent to the national registries (two-way sharing).
    let registryUpdates: [RegistryUpdateRequestJSON]?
}

struct FindingPageJSON: Decodable {
    let items: [FindingJSON]
}

struct CampaignJSON: Decodable {
    let id: String
    let total: Int
    let open: Int
    let reviewed: Int
    let corrected: Int
}

/// Any JSON value, for payloads the test only inspects loosely.
enum JSONValue: Decodable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}
