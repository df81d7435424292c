import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Testing

/// A sandbox registry small enough to generate per suite, with the e-ID provider's clock.
enum EIDFixtures {
    static let registry = RegistryPeople.registry
    /// Inside the registry's reference year, so ages are those the generator meant.
    static let start = vietnamTime(2026, 12, 7, 9)

    /// A living person aged 14 or more at `start`.
    static func adult() throws -> PopulationRecord {
        try #require(people.first { $0.deceasedOn == nil && age($0) >= 20 })
    }

    static var people: [PopulationRecord] { (0..<registry.personCount).compactMap { registry.person(at: $0) } }

    static func age(_ person: PopulationRecord) -> Int {
        let birthday = (person.dateOfBirth.month, person.dateOfBirth.day)
        return 2026 - person.dateOfBirth.year - (birthday > (12, 7) ? 1 : 0)
    }
}

/// A browser that does not follow redirects, so a test sees where each step sends it.
enum Browser {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    struct Page {
        let status: Int
        let location: String?
        let body: String
        let setCookie: [String]
    }

    static func get(_ url: String, cookie: String? = nil) async throws -> Page {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        return try await send(request)
    }

    static func post(_ url: String, form: [(String, String)]) async throws -> Page {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: encode(form)))
        return try await send(request)
    }

    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map { ($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
            .joined(separator: "&")
    }

    /// The query parameters of a URL, e.g. the code and state of a redirect.
    static func query(_ url: String) -> [String: String] {
        let items = URLComponents(string: url)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// Signs `citizenID` in at the provider for an authorization request and returns the redirect it answers.
    static func signIn(_ authorizationURL: String, citizenID: String, level: Int = 2) async throws -> Page {
        let endpoint = try #require(authorizationURL.split(separator: "?").first.map(String.init))
        let parameters = (URLComponents(string: authorizationURL)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        return try await post(endpoint, form: parameters + [("citizen_id", citizenID), ("level", String(level))])
    }

    private static func send(_ request: HTTPClientRequest) async throws -> Page {
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Page(
            status: Int(response.status.code), location: response.headers.first(name: "Location"), body: String(buffer: body),
            setCookie: response.headers["Set-Cookie"])
    }
}

/// Serves a router on a real port chosen before the router is built, because an issuer must name its own address.
///
/// The port is reserved, released, then bound again by the server, so a test running in parallel may take it
/// in between. The server's failure to start ends the wait for it (before, a lost port left the test waiting
/// forever with every thread idle), and the next attempt uses a new port.
func withLiveServer(
    _ makeRouter: (_ baseURL: String) async throws -> Router<BasicRequestContext>, _ body: (_ baseURL: String) async throws -> Void
) async throws {
    let attempts = 5
    for attempt in 1...attempts {
        let reservation = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(reservation.localAddress?.port)
        try await reservation.close()
        let baseURL = "http://127.0.0.1:\(port)"
        var logger = Logger(label: "eid-test")
        logger.logLevel = .warning
        let (running, signal) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: try await makeRouter(baseURL), configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in signal.yield() }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let served = try await withThrowingTaskGroup(of: Void.self) { group -> Bool in
            group.addTask {
                defer { signal.finish() }
                try await services.run()
            }
            var started = false
            for await _ in running {
                started = true
                break
            }
            guard started else {
                // The server stopped before it ran (the port was taken): try again on another port.
                do { try await group.waitForAll() } catch where attempt < attempts { return false }
                throw LiveServerError(description: "the live test server on port \(port) did not start")
            }
            do {
                try await body(baseURL)
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return true
        }
        if served { return }
    }
}

/// A live test server that could not be started.
struct LiveServerError: Error, CustomStringConvertible {
    let description: String
}

/// The registry sandbox with its e-ID provider, live, and a relying party for the `motcua` client; the
/// provider and the relying party have clocks of their own.
struct EIDSandbox {
    let issuer: String
    let clock: TestClock
    let relyingPartyClock: TestClock

    var relyingParty: EIDRelyingParty {
        EIDRelyingParty(
            issuer: issuer, clientID: EIDClient.motcuaDefault.id, redirectURI: Self.redirectURI, httpClient: .shared,
            now: { [relyingPartyClock] in relyingPartyClock.now() })
    }

    static let redirectURI = "http://127.0.0.1:8080/auth/eid/callback"

    static func run(_ body: (EIDSandbox) async throws -> Void) async throws {
        let clock = TestClock(EIDFixtures.start)
        try await withLiveServer({ base in
            let provider = try await EIDProvider(
                issuer: base + "/eid", clients: [.motcuaDefault], registry: EIDFixtures.registry, now: { clock.now() })
            return RegistrySandboxRouter.build(registry: EIDFixtures.registry, eid: provider)
        }) { base in
            try await body(EIDSandbox(issuer: base + "/eid", clock: clock, relyingPartyClock: TestClock(EIDFixtures.start)))
        }
    }

    /// Runs a sign-in to the point where the provider redirects back with a code.
    func authorize(_ request: EIDAuthorizationRequest, citizenID: String, level: Int = 2) async throws -> String {
        let page = try await Browser.signIn(request.authorizationURL, citizenID: citizenID, level: level)
        #expect(page.status == 302)
        let location = try #require(page.location)
        #expect(location.hasPrefix(Self.redirectURI + "?"))
        let query = Browser.query(location)
        #expect(query["state"] == request.state)
        return try #require(query["code"])
    }
}
