import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotCuaApp
import MotCuaSandboxService
import MotCuaDomain
import MotCuaRegistrySandbox
import NIOCore
import Testing

@Suite("Registry sandbox service")
struct RegistrySandboxServiceTests {
    static let registry = RegistryGenerator(seed: 3, people: 2_000).generate()
    static let metadata: HTTPFields = [
        HTTPField.Name("X-Road-Client")!: "000.60.99.H10", HTTPField.Name("X-Road-UserId")!: "kinhbac.tiepnhan",
        HTTPField.Name("X-Road-Issue")!: "000.60.99.H10-261207-0001", HTTPField.Name("X-Road-Id")!: UUID().uuidString,
    ]

    @Test("Look-ups by citizen ID answer the person's records; unknown is 404, malformed 400, missing metadata 400")
    func lookUps() async throws {
        let person = try #require(Self.registry.person(at: 10))
        let app = Application(router: RegistrySandboxRouter.build(registry: Self.registry))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/population/\(person.citizenID.value)", method: .get, headers: Self.metadata) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains(person.citizenID.value) && body.contains(person.fullName))
            }
            try await client.execute(uri: "/v1/civil-status/\(person.citizenID.value)", method: .get, headers: Self.metadata) { response in
                #expect(response.status == .ok)
            }
            // a structurally valid ID that nobody holds
            let unknown = (0..<1_000).lazy.map { String(format: "027090%06d", $0) }.first { id in
                (try? CitizenID(id)).map { Self.registry.person(id: $0) == nil } ?? false
            }
            try await client.execute(uri: "/v1/population/\(try #require(unknown))", method: .get, headers: Self.metadata) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/population/02709000123", method: .get, headers: Self.metadata) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/population/\(person.citizenID.value)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("A caller can ask for an injected failure or latency, for fault tests")
    func faultInjection() async throws {
        let person = try #require(Self.registry.person(at: 1))
        let app = Application(router: RegistrySandboxRouter.build(registry: Self.registry))
        try await app.test(.router) { client in
            var failing = Self.metadata
            failing[HTTPField.Name("X-Sandbox-Fail")!] = "503"
            try await client.execute(uri: "/v1/population/\(person.citizenID.value)", method: .get, headers: failing) { response in
                #expect(response.status == .serviceUnavailable)
            }
            var slow = Self.metadata
            slow[HTTPField.Name("X-Sandbox-Delay-Ms")!] = "150"
            let started = ContinuousClock.now
            try await client.execute(uri: "/v1/population/\(person.citizenID.value)", method: .get, headers: slow) { response in
                #expect(response.status == .ok)
            }
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }
}
