import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import Testing

/// Shared fixtures: the sandbox registry of the connector tests, people with records in each database, and
/// helpers that run a live sandbox (or a purpose-built server) on loopback for the length of a test.
enum RegistryFixtures {
    /// Read-only tests share this registry; tests that submit updates generate their own.
    static let registry = RegistryGenerator(seed: 3, people: 2_000).generate()

    static let context = RegistryCallContext(
        agencyIdentifier: "000.60.99.H10", userID: "kinhbac.tiepnhan", purpose: .dossier(code: "000.60.99.H10-261207-0001"))

    static var logger: Logger {
        var logger = Logger(label: "motcua-integrations-tests")
        logger.logLevel = .warning
        return logger
    }

    /// Short backoffs and cool-downs so that failure paths are quick. The attempt timeout stays generous: the
    /// suites run in parallel on a debug build (more than a hundred, several of them starting servers with their
    /// own background work), where a loaded two-core machine took more than 3 s to answer a loopback request in CI.
    /// Tests of the timeout itself set a short one.
    static func configuration(
        _ baseURL: String, attempts: Int = 3, timeout: Duration = .seconds(20), threshold: Int = 5,
        coolDown: Duration = .milliseconds(300)
    ) -> RegistryClientConfiguration {
        RegistryClientConfiguration(
            baseURL: baseURL, attemptTimeout: timeout, maxReadAttempts: attempts, backoffBase: .milliseconds(5),
            backoffCap: .milliseconds(20), breakerThreshold: threshold, breakerCoolDown: coolDown)
    }

    /// Runs `body` against a live sandbox serving `registry`, with a client configured by `configure`.
    static func withSandbox<T>(
        registry: NationalRegistry = registry,
        configure: (String) -> RegistryClientConfiguration = { configuration($0) },
        _ body: (EmbeddedRegistrySandbox, HTTPRegistryClient) async throws -> T
    ) async throws -> T {
        let sandbox = try await EmbeddedRegistrySandbox.start(registry: registry, logger: logger)
        let client = HTTPRegistryClient(httpClient: .shared, configuration: configure(sandbox.baseURL))
        return try await stopping(sandbox.stop) { try await body(sandbox, client) }
    }

    /// Runs `body` against a server built for one test (wrong answers, header capture).
    static func withServer<T>(_ router: Router<BasicRequestContext>, _ body: (LoopbackServer) async throws -> T) async throws -> T {
        let server = try await LoopbackServer.start(router: router, logger: logger)
        return try await stopping(server.stop) { try await body(server) }
    }

    /// Runs `body`, then `stop`, whether `body` threw or not (there is no async `defer`).
    private static func stopping<T>(_ stop: () async -> Void, _ body: () async throws -> T) async throws -> T {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await stop()
        return try result.get()
    }

    /// The first person (in registry order) for whom `matches` holds.
    static func person(in registry: NationalRegistry = registry, where matches: (PopulationRecord) -> Bool) throws -> PopulationRecord {
        let found = (0..<registry.personCount).lazy.compactMap { registry.person(at: $0) }.first(where: matches)
        return try #require(found)
    }

    /// A well-formed citizen ID that nobody in the registry holds.
    static func unknownID(in registry: NationalRegistry = registry) throws -> CitizenID {
        let id = (0..<1_000).lazy.compactMap { try? CitizenID(String(format: "027090%06d", $0)) }.first { registry.person(id: $0) == nil }
        return try #require(id)
    }

    /// The kind of error, ignoring its text, for `#expect` comparisons.
    static func kind(_ error: RegistryClientError) -> String {
        switch error {
        case .unavailable: "unavailable"
        case .circuitOpen: "circuitOpen"
        case .invalidResponse: "invalidResponse"
        case .rejected(_, let status, _): "rejected \(status)"
        case .invalidRequest: "invalidRequest"
        }
    }

    /// Runs a call expected to fail and returns its error (`nil`, with a recorded issue, if it succeeded).
    static func failure<T>(_ call: () async throws(RegistryClientError) -> T) async -> RegistryClientError? {
        do {
            let value = try await call()
            Issue.record("expected a failure, got \(value)")
            return nil
        } catch {
            return error
        }
    }
}
