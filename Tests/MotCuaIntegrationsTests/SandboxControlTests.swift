import AsyncHTTPClient
import Foundation
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import NIOCore
import NIOHTTP1
import Testing

@Suite("Sandbox controls: fault settings and sample people")
struct SandboxControlTests {
    let context = RegistryFixtures.context

    func send(_ method: HTTPMethod, _ url: String, body: String? = nil) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        return (Int(response.status.code), try await response.body.collect(upTo: 1 << 20))
    }

    @Test("A fault set over HTTP reaches the ordinary client, only for its registry, until it is cleared")
    func faultsOverHTTP() async throws {
        let person = try #require(RegistryFixtures.registry.person(at: 20))
        try await RegistryFixtures.withSandbox { sandbox, client async throws in
            #expect(try await send(.PUT, sandbox.baseURL + "/sandbox/faults", body: #"{"registry":"land","failStatus":502}"#).status == 204)
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.landParcels(person.citizenID, context: context)
            })
            #expect(error == .unavailable(.land, reason: "HTTP 502 after 3 attempts"))
            #expect(try await client.person(person.citizenID, context: context) == person)

            #expect(try await send(.DELETE, sandbox.baseURL + "/sandbox/faults").status == 204)
            #expect(try await client.landParcels(person.citizenID, context: context) == RegistryFixtures.registry.landParcels(owner: person.citizenID))
        }
    }

    @Test("A fault setting naming an unknown registry or no effect, or an unreadable sample count, is refused with 400")
    func invalidFaultSettings() async throws {
        try await RegistryFixtures.withSandbox { sandbox, _ async throws in
            for count in ["abc", "0", "10001"] {
                #expect(try await send(.GET, sandbox.baseURL + "/sandbox/samples?count=\(count)").status == 400, "count=\(count)")
            }
            for body in [#"{"registry":"weather","failStatus":503}"#, #"{"registry":"all"}"#, #"{"registry":"tax","failStatus":200}"#] {
                #expect(try await send(.PUT, sandbox.baseURL + "/sandbox/faults", body: body).status == 400, "\(body)")
            }
        }
    }

    @Test("Samples are living adults, married with a registration or single, whose QR text parses back; same seed, same people")
    func samples() async throws {
        let first = try await RegistryFixtures.withSandbox { sandbox, _ async throws in
            try JSONDecoder().decode([SandboxSample].self, from: Data(try await send(.GET, sandbox.baseURL + "/sandbox/samples?count=6").body.readableBytesView))
        }
        let again = try await RegistryFixtures.withSandbox(registry: RegistryGenerator(seed: 3, people: 2_000).generate()) { sandbox, _ async throws in
            try JSONDecoder().decode([SandboxSample].self, from: Data(try await send(.GET, sandbox.baseURL + "/sandbox/samples?count=6").body.readableBytesView))
        }
        #expect(first.count == 6 && first == again)
        #expect(first.filter { $0.maritalStatus == .married && $0.marriageRegistration != nil }.count == 4)
        #expect(first.filter { $0.maritalStatus == .single }.count == 2)
        let registry = RegistryFixtures.registry
        for sample in first {
            let person = try #require(registry.person(id: sample.citizenID))
            #expect(person.deceasedOn == nil && person.dateOfBirth.year <= registry.referenceDate.year - 18)
            let card = try ChipCardQR.parse(sample.qrText, today: registry.referenceDate)
            #expect(card.citizenID == sample.citizenID && card.dateOfBirth == sample.dateOfBirth && card.sex == sample.sex)
        }
    }
}
