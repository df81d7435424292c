import Foundation
import HTTPTypes
import Logging
import MotCuaStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotCuaApp
import MotCuaRegistrySandbox
import MotCuaSandboxService
import MotCuaIntegrations
import MotCuaTestSupport
import NIOCore
import Synchronization
import Testing

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let state: Mutex<Date>

    init(_ start: Date) { state = Mutex(start) }

    func now() -> Date { state.withLock { $0 } }

    func set(_ date: Date) { state.withLock { $0 = date } }
}

/// Vietnam time (UTC+7) as an instant.
func vietnamTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var components = DateComponents()
    (components.year, components.month, components.day, components.hour, components.minute) = (year, month, day, hour, minute)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    return calendar.date(from: components)!
}

/// Builds the real application on a new database of the given engine and drives it through the router.
func withApp(
    _ backend: TestDatabase, clock: TestClock = TestClock(vietnamTime(2026, 12, 7, 9)),
    configure: (inout AppConfiguration) -> Void = { _ in }, eid: EIDRelyingParty? = nil,
    prepare: (@Sendable (Platform) async throws -> Void)? = nil,
    _ body: @Sendable (any TestClientProtocol, AppConfiguration) async throws -> Void
) async throws {
    try await withSandboxApp(backend, clock: clock, configure: configure, eid: eid, prepare: prepare) { client, _, configuration in
        try await body(client, configuration)
    }
}

/// Like `withApp`, with the registry sandbox the application talks to over HTTP, for faults and counts.
/// Each test gets its own sandbox server (and fault settings) over the shared test registry, or over `registry`
/// for tests whose updates change it.
/// `prepare` runs on the migrated, still empty database before the application starts (for accounts the
/// demo does not have); the application then seeds no demo accounts of its own.
func withSandboxApp(
    _ backend: TestDatabase, clock: TestClock = TestClock(vietnamTime(2026, 12, 7, 9)), logger: Logger? = nil,
    configure: (inout AppConfiguration) -> Void = { _ in }, eid: EIDRelyingParty? = nil,
    prepare: (@Sendable (Platform) async throws -> Void)? = nil, testing: TestingSetup = .router,
    registry: NationalRegistry = RegistryPeople.registry,
    _ body: @Sendable (any TestClientProtocol, EmbeddedRegistrySandbox, AppConfiguration) async throws -> Void
) async throws {
    let watch = HangWatch.start("\(backend)")
    defer { HangWatch.end(watch) }
    let sandbox = try await EmbeddedRegistrySandbox.start(registry: registry)
    var configuration = AppConfiguration()
    configuration.bcryptCost = 4
    configuration.logLevel = .warning
    configuration.registryURL = sandbox.baseURL
    // CI runs every suite at once on two cores, where the embedded sandbox can take seconds to answer; a call
    // timed out would be retried on the frozen test clock only, never. Timeouts have their own client tests.
    configuration.registryAttemptTimeout = .seconds(30)
    // Workflow tests move the clock by hours between actions of one sign-in; idle expiry has its own tests.
    configuration.sessionIdleTimeout = configuration.tokenLifetime
    configuration.demoKeyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-keys").path
    configuration.blobDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-documents-" + UUID().uuidString).path
    configuration.historyCheckpointDirectoryOverride = FileManager.default.temporaryDirectory
        .appendingPathComponent("motcua-test-checkpoints-" + UUID().uuidString).path
    HangWatch.phase(watch, "creating the database")
    switch try await backend.make() {
    case .sqlite(let path): configuration.sqlitePath = path
    case .postgres(let url): configuration.databaseURL = url
    }
    configure(&configuration)
    do {
        if let prepare {
            HangWatch.phase(watch, "prepare (Platform.withPlatform)")
            try await Platform.withPlatform(configuration, logger: Logger(label: "test-prepare")) { platform in
                _ = try await platform.migrate()
                try await prepare(platform)
            }
        }
        HangWatch.phase(watch, "buildApplication")
        let app = try await buildApplication(configuration, logger: logger, now: { clock.now() }, eid: eid)
        let frozen = configuration
        // Until the body starts: beforeServerStarts (migrations; on PostgreSQL a lease that waits for the pool's
        // run()) and the service group's start-up.
        HangWatch.phase(watch, "start-up: migrations and service group")
        try await app.test(testing) { client in
            HangWatch.phase(watch, "test body")
            defer { HangWatch.phase(watch, "graceful shutdown of the app's services") }
            try await body(client, sandbox, frozen)
        }
    } catch {
        HangWatch.phase(watch, "stopping the registry sandbox (after an error)")
        await sandbox.stop()
        throw error
    }
    HangWatch.phase(watch, "stopping the registry sandbox")
    await sandbox.stop()
}

/// JSON helpers for the API contract, independent of the generated types.
struct Client {
    let client: any TestClientProtocol
    var token: String?

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    func call(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer " + token }
        // Like the web counter, wait for the first round of national look-ups, so that versions are
        // deterministic; a test of the immediate answer sends `Prefer: wait=0` itself.
        if method == .post, path.hasPrefix("/api/v1/dossiers"), !path.contains("/transitions"), headers[HTTPField.Name("Prefer")!] == nil {
            headers[HTTPField.Name("Prefer")!] = "wait=10"
        }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            (response.status, String(buffer: response.body), response.headers)
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        try Self.decoder.decode(T.self, from: Data(body.utf8))
    }

    /// Signs in a demo account and returns a client carrying its token.
    func signedIn(_ username: String, password: String = "MotCua@2026") async throws -> Client {
        let response = try await call(.post, "/api/v1/auth/sign-in", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(response.status == .ok, "sign-in of \(username) failed: \(response.body)")
        var copy = self
        copy.token = try decode(SignIn.self, response.body).token
        return copy
    }

    /// Applies one transition and returns the dossier.
    @discardableResult
    func transition(
        _ code: String, _ action: String, version: Int, extra: String = "", expect status: HTTPResponse.Status = .ok
    ) async throws -> DossierJSON? {
        let response = try await call(.post, "/api/v1/dossiers/\(code)/transitions", json: #"{"action":"\#(action)","version":\#(version)\#(extra)}"#)
        #expect(response.status == status, "\(action): \(response.body)")
        return response.status == .ok ? try decode(DossierJSON.self, response.body) : nil
    }
}

struct SignIn: Decodable {
    let token: String
}

struct DossierJSON: Decodable {
    struct Status: Decodable {
        let code: Int
        let name: String
    }

    struct Deadline: Decodable {
        let step: String
        let dueAt: Date
    }

    struct Component: Decodable {
        struct ReusedItem: Decodable {
            let resultId: String
            let type: String
            let registerNumber: String?
            let issuedOn: String?
        }
        let code: String
        let state: String
        let reference: String?
        let provenance: String?
        let reusedItem: ReusedItem?
    }

    struct Flag: Decodable {
        let kind: String
        let registry: String
    }

    struct Verification: Decodable {
        let attempts: Int
        let lastError: String?
    }

    let id: String
    let code: String
    let agencyId: String
    let status: Status
    let step: String
    var version: Int
    let dueAt: Date?
    let receivedAt: Date?
    let stepDeadlines: [Deadline]
    let supplementRequests: Int
    let countsAsLate: Bool
    let overdue: Bool
    let outcome: String?
    let components: [Component]
    let flags: [Flag]?
    let verification: Verification?

    func component(_ code: String) -> Component? { components.first { $0.code == code } }
}

struct ProblemJSON: Decodable {
    let status: Int
    let detail: String
    let field: String?
}

struct ProcedureJSON: Decodable {
    struct Component: Decodable {
        let code: String
        let required: Bool
        let registrySource: String?
    }

    struct TimeLimit: Decodable {
        let unit: String
        let value: Int?
    }

    let code: String
    let nameVi: String
    let level: String
    let department: String?
    let timeLimit: TimeLimit
    let resultType: String?
    let components: [Component]

    /// The components a reception officer must collect (the rest the State holds).
    var citizenComponentsJSON: String {
        "[" + components.filter { $0.required && $0.registrySource == nil }.map { #"{"code":"\#($0.code)","reference":"scan-\#($0.code)"}"# }
            .joined(separator: ",") + "]"
    }
}

struct AgencyJSON: Decodable {
    let id: String
    let identifier: String
    let kind: String
    let administrativeCode: String?
}

struct HistoryJSON: Decodable {
    let sequence: Int
    let action: String
    let note: String?
    let actorId: String
    let statusAfter: String
    let previousHash: String
    let hash: String
}
