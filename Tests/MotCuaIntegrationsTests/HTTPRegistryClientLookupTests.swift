import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import NIOHTTP1
import Synchronization
import Testing

@Suite("HTTP registry client: look-ups against the live sandbox")
struct HTTPRegistryClientLookupTests {
    let registry = RegistryFixtures.registry
    let context = RegistryFixtures.context

    @Test("Each registry answers the person's records over HTTP, and the records match the sandbox's own")
    func foundInEachRegistry() async throws {
        let insured = try RegistryFixtures.person { registry.insurance(for: $0.citizenID)?.holderID == $0.citizenID }
        let landowner = try RegistryFixtures.person { !registry.landParcels(owner: $0.citizenID).isEmpty }
        let taxpayer = try RegistryFixtures.person { registry.tax(for: $0.citizenID) != nil }
        let trader = try RegistryFixtures.person { !registry.businesses(owner: $0.citizenID).isEmpty }
        let married = try RegistryFixtures.person { registry.civilStatus(for: $0.citizenID).contains { $0.kind == .marriage } }
        let legacyHolder = try RegistryFixtures.person { $0.legacyID != nil }
        try await RegistryFixtures.withSandbox { _, client async throws in
            #expect(try await client.person(married.citizenID, context: context) == married)
            #expect(try await client.person(legacyID: legacyHolder.legacyID!, context: context) == legacyHolder)
            #expect(try await client.civilStatus(married.citizenID, context: context) == registry.civilStatus(for: married.citizenID))
            #expect(try await client.insurance(insured.citizenID, context: context) == registry.insurance(for: insured.citizenID))
            #expect(try await client.landParcels(landowner.citizenID, context: context) == registry.landParcels(owner: landowner.citizenID))
            #expect(try await client.tax(taxpayer.citizenID, context: context) == registry.tax(for: taxpayer.citizenID))
            #expect(try await client.businesses(trader.citizenID, context: context) == registry.businesses(owner: trader.citizenID))
        }
    }

    @Test("A person missing from a registry is nil or an empty list, not an error")
    func notFoundIsAnAnswer() async throws {
        let unknown = try RegistryFixtures.unknownID()
        let unknownLegacy = try #require((0..<1_000).lazy.compactMap { LegacyID(String(format: "999%06d", $0)) }.first {
            registry.person(legacyID: $0) == nil
        })
        try await RegistryFixtures.withSandbox { sandbox, client async throws in
            #expect(try await client.person(unknown, context: context) == nil)
            #expect(try await client.person(legacyID: unknownLegacy, context: context) == nil)
            #expect(try await client.civilStatus(unknown, context: context).isEmpty)
            #expect(try await client.insurance(unknown, context: context) == nil)
            #expect(try await client.landParcels(unknown, context: context).isEmpty)
            #expect(try await client.tax(unknown, context: context) == nil)
            #expect(try await client.businesses(unknown, context: context).isEmpty)
            // 404 is not retried: one request per look-up
            #expect(sandbox.faults.requestCount(.population) == 2)
            #expect(client.breaker(for: .population).state == .closed)
        }
    }

    @Test("Every request carries the X-Road metadata of the call context")
    func xRoadHeadersArrive() async throws {
        let seen = Mutex<[String: String]>([:])
        let router = Router()
        router.get("/v1/tax/:id") { request, _ -> Response in
            seen.withLock { headers in
                for name in ["X-Road-Client", "X-Road-UserId", "X-Road-Issue", "X-Road-Id"] {
                    headers[name] = request.headers[HTTPField.Name(name)!]
                }
            }
            return Response(status: .notFound)
        }
        let context = RegistryCallContext(
            agencyIdentifier: "000.60.99.H10", userID: "kinhbac.tiepnhan", purpose: .counterLookup(note: "1.001612"))
        try await RegistryFixtures.withServer(router) { server async throws in
            let client = HTTPRegistryClient(httpClient: .shared, configuration: RegistryFixtures.configuration(server.baseURL))
            #expect(try await client.tax(try RegistryFixtures.unknownID(), context: context) == nil)
        }
        #expect(
            seen.withLock { $0 } == [
                "X-Road-Client": "000.60.99.H10", "X-Road-UserId": "kinhbac.tiepnhan", "X-Road-Issue": "counter:1.001612",
                "X-Road-Id": context.requestID.uuidString,
            ])
    }

    @Test("The sandbox itself refuses a request without the metadata, and the client's request is accepted")
    func sandboxEnforcesMetadata() async throws {
        let person = try #require(registry.person(at: 5))
        try await RegistryFixtures.withSandbox { sandbox, client async throws in
            var bare = HTTPClientRequest(url: sandbox.baseURL + "/v1/population/" + person.citizenID.value)
            bare.method = .GET
            let response = try await HTTPClient.shared.execute(bare, timeout: .seconds(20))
            #expect(response.status.code == 400)
            #expect(try await client.person(person.citizenID, context: context) == person)
        }
    }
}
