import AsyncHTTPClient
import MotCuaDomain
@testable import MotCuaIntegrations
import MotCuaRegistrySandbox
import Testing

@Suite("What leaves for the national databases is a valid request")
struct RegistryRequestHygieneTests {
    @Test("Control characters in a purpose never reach the request and never open the breaker for the province")
    func controlCharactersInPurpose() async throws {
        let person = try #require(RegistryFixtures.registry.person(at: 3))
        try await RegistryFixtures.withSandbox(configure: { RegistryFixtures.configuration($0, attempts: 1, threshold: 2, coolDown: .seconds(60)) }) {
            sandbox, client async throws in
            for purpose in ["\u{01}abc", "a\u{00}b", "ë\u{7F}x", "bell\u{07}", "esc\u{1B}[31m"] {
                let context = RegistryCallContext(
                    agencyIdentifier: "000.60.99.H10", userID: "kinhbac.tiepnhan\u{00}", purpose: .counterLookup(note: purpose))
                #expect(try await client.person(person.citizenID, context: context) == person)
            }
            #expect(client.breaker(for: .population).state == .closed)
        }
    }

    @Test("A request the HTTP client refuses to build is reported as such and never opens the breaker")
    func requestBuildErrorsDoNotCount() async throws {
        let person = try #require(RegistryFixtures.registry.person(at: 3))
        // A scheme the HTTP client does not speak: it refuses the request before connecting.
        let client = HTTPRegistryClient(
            httpClient: .shared, configuration: RegistryFixtures.configuration("ftp://127.0.0.1:9", attempts: 1, threshold: 2, coolDown: .seconds(60)))
        for _ in 0..<5 {
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.person(person.citizenID, context: RegistryFixtures.context)
            })
            #expect(RegistryFixtures.kind(error) == "invalidRequest", "\(error)")
        }
        #expect(client.breaker(for: .population).state == .closed)
    }

    @Test("Header values keep their text and lose only the characters HTTP forbids")
    func headerValues() {
        #expect(HTTPRegistryClient.headerValue("counter:kiểm tra hồ sơ") == "counter:kiểm tra hồ sơ")
        #expect(HTTPRegistryClient.headerValue("counter:\u{01}a\u{00}b\u{7F}c\u{202E}d") == "counter:abcd")
    }
}
