import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Testing

@testable import MotCuaApp

/// Sign-in attacked as the reviews did: parallel guesses, unknown usernames, floods, lock-out abuse.
@Suite("Sign-in hardening")
struct SignInHardeningTests {
    static let wrong = #"{"username":"kinhbac.lanhdao","password":"wrong-guess"}"#
    static let right = #"{"username":"kinhbac.lanhdao","password":"MotCua@2026"}"#

    /// Sends `count` sign-ins at once and returns their statuses.
    private func parallel(_ client: Client, _ count: Int, json: String) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count { group.addTask { try await client.call(.post, "/api/v1/auth/sign-in", json: json).status } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("Forty parallel wrong guesses are checked at most up to the threshold: the account locks and the right password gets no token", arguments: TestDatabase.backends)
    func parallelGuessesCannotOutrunTheLock(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock, configure: { $0.signInFailuresPerAddress = 1_000; $0.passwordHashingQueue = 64 }) { client, configuration in
            let anonymous = Client(client: client)
            let statuses = try await parallel(anonymous, 40, json: Self.wrong)
            #expect(statuses.allSatisfy { $0 == .unauthorized })
            // exactly the threshold's worth of attempts were reserved, and so checked; the other 35 never were
            let account = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                try await platform.officials.find(username: "kinhbac.lanhdao")
            }
            #expect(account?.failedAttempts == 5)
            #expect(account?.lockedUntil == vietnamTime(2026, 12, 7, 9, 15))
            // given a lock set by the guesses, the right password is refused like any wrong one
            let during = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: Self.right)
            #expect(during.status == .unauthorized)
            // when the lock expires, the count starts afresh: one stray guess does not lock again
            clock.set(vietnamTime(2026, 12, 7, 9, 16))
            #expect(try await anonymous.call(.post, "/api/v1/auth/sign-in", json: Self.wrong).status == .unauthorized)
            #expect(try await anonymous.call(.post, "/api/v1/auth/sign-in", json: Self.right).status == .ok)
        }
    }

    @Test("A right password racing wrong ones gets a token only if it was among the attempts the threshold allows", arguments: TestDatabase.backends)
    func rightPasswordInsideAParallelBatch(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.signInFailuresPerAddress = 1_000; $0.passwordHashingQueue = 64 }) { client, _ in
            let anonymous = Client(client: client)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        try await anonymous.call(.post, "/api/v1/auth/sign-in", json: index == 19 ? Self.right : Self.wrong).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count <= 1)
            #expect(statuses.filter { $0 != .ok }.allSatisfy { $0 == .unauthorized })
            // at most five attempts were checked: afterwards the account is locked, so the right password fails
            if !statuses.contains(.ok) {
                #expect(try await anonymous.call(.post, "/api/v1/auth/sign-in", json: Self.right).status == .unauthorized)
            }
        }
    }

    @Test("Unknown, disabled and locked accounts answer exactly like a wrong password, after as much hashing", arguments: [TestDatabase.sqlite])
    func unknownUsersLookLikeRealOnes(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.signInFailuresPerAddress = 1_000; $0.bcryptCost = 10; $0.lockoutThreshold = 1_000 }) { client, _ in
            let anonymous = Client(client: client)
            func timed(_ json: String) async throws -> (status: HTTPResponse.Status, body: String, seconds: Double) {
                let start = ContinuousClock.now
                let response = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: json)
                let elapsed = ContinuousClock.now - start
                return (response.status, response.body, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            // warm the decoy hash once
            _ = try await timed(#"{"username":"khongco.taikhoan","password":"x"}"#)
            var known: [Double] = []
            var unknown: [Double] = []
            for index in 0..<9 {
                let real = try await timed(#"{"username":"stp.dulieu","password":"wrong-\#(index)"}"#)
                let missing = try await timed(#"{"username":"khongco.taikhoan\#(index)","password":"wrong-\#(index)"}"#)
                #expect(real.status == .unauthorized && missing.status == .unauthorized)
                #expect(real.body == missing.body)
                known.append(real.seconds)
                unknown.append(missing.seconds)
            }
            // Before the fix the decoy (cost 10 against 12) made unknown users four times faster; a real
            // attempt's durable write (the reservation) is matched by a decoy write for unknown users.
            let median = { (values: [Double]) in values.sorted()[values.count / 2] }
            #expect(median(unknown) > 0.5 * median(known), "unknown \(unknown), known \(known)")
        }
    }

    @Test("A lock set by guesses from elsewhere does not keep the official out at an address they signed in from")
    func lockDoesNotApplyAtAKnownAddress() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await Migrator(store: store, logger: Logger(label: "test")).migrate()
            let officials = SQLOfficialRepository(store: store)
            let sessions = SQLSessionRepository(store: store)
            let password = "mật khẩu của cán bộ"
            try await officials.create(
                Official(
                    id: "o-1", username: "xa.lanhdao", fullName: "Lãnh đạo", role: .leader, agencyID: "a-1",
                    passwordHash: try await AuthService.hash(password, cost: 4)))
            var configuration = AppConfiguration()
            configuration.bcryptCost = 4
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let auth = AuthService(
                officials: officials,
                issuer: SessionIssuer(
                    keys: try await TokenKeys.load([KeyFile(path: "test", key: Data(repeating: 9, count: 32))]), sessions: sessions,
                    lifetime: 3600, now: { now }),
                gate: SessionGate(sessions: sessions, officials: officials, idleTimeout: 1800, checkInterval: 5),
                hasher: PasswordHasher(cost: 4, queue: 8), throttle: SignInThrottle(failuresPerAddress: 100, window: 900),
                knownAddresses: KnownAddresses(), configuration: configuration, now: { now })
            // given the official signed in from their desk
            _ = try await auth.signIn(username: "xa.lanhdao", password: password, address: "10.1.2.3")
            // when someone elsewhere locks the account
            for index in 0..<5 {
                await #expect(throws: SignInError.badCredentials) {
                    try await auth.signIn(username: "xa.lanhdao", password: "guess-\(index)", address: "203.0.113.7")
                }
            }
            await #expect(throws: SignInError.badCredentials) {
                try await auth.signIn(username: "xa.lanhdao", password: password, address: "203.0.113.7")
            }
            // then the official still signs in at the desk, which clears the lock
            let official = try await auth.signIn(username: "xa.lanhdao", password: password, address: "10.1.2.3").official
            #expect(official.id == "o-1")
            #expect(try await officials.find(id: "o-1")?.lockedUntil == nil)
        }
    }

    @Test("Checks from unfamiliar addresses stop once their share of processor time is spent; a familiar address is still checked")
    func hashingBudgetBoundsAFloodFromManyAddresses() async throws {
        // A bucket that refills only a millisecond a second and holds one millisecond: a few checks at cost 8 spend it.
        let hasher = PasswordHasher(cost: 8, queue: 8, budget: HashingBudget(share: 0.001, burst: 0.001))
        let stored = try await AuthService.hash("đúng mật khẩu", cost: 8)
        var refusedAfter: Int?
        for attempt in 1...50 {
            do {
                _ = try await hasher.verify("sai \(attempt)") { stored }
            } catch is PasswordHasher.Busy {
                refusedAfter = attempt
                break
            }
        }
        // then the flood is refused before any hash, while the budget is empty
        let refused = try #require(refusedAfter)
        #expect(refused > 1)
        #expect(!hasher.budget.available())
        // and an official at a familiar address is checked all the same
        #expect(try await hasher.verify("đúng mật khẩu", familiar: true) { stored })
        await #expect(throws: PasswordHasher.Busy.self) { try await hasher.verify("đúng mật khẩu") { stored } }
    }

    @Test("An address that keeps failing gets 429 with Retry-After before any hash; successes are not counted")
    func perAddressThrottle() {
        let throttle = SignInThrottle(failuresPerAddress: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        // a success is refunded
        #expect(throttle.admit(address: "10.0.0.1", at: start) == nil)
        throttle.refund(address: "10.0.0.1")
        for _ in 0..<3 { #expect(throttle.admit(address: "10.0.0.1", at: start) == nil) }
        #expect(throttle.admit(address: "10.0.0.1", at: start.addingTimeInterval(10)) == 50)
        // another address is unaffected, and the window ends
        #expect(throttle.admit(address: "10.0.0.2", at: start) == nil)
        #expect(throttle.admit(address: "10.0.0.1", at: start.addingTimeInterval(61)) == nil)
    }

    @Test("The per-address throttle answers 429 over HTTP, with the same answer for every account", arguments: [TestDatabase.sqlite])
    func throttleOverHTTP(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.signInFailuresPerAddress = 3 }) { client, _ in
            let anonymous = Client(client: client)
            for index in 0..<3 {
                let response = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"user\#(index)","password":"x"}"#)
                #expect(response.status == .unauthorized)
            }
            let refused = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: Self.right)
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    @Test("When every hashing slot is taken, sign-ins are refused at once with 503 instead of queueing", arguments: [TestDatabase.sqlite])
    func saturatedHashingAnswersQuickly(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.signInFailuresPerAddress = 1_000; $0.passwordHashingQueue = 0; $0.bcryptCost = 10 }) { client, _ in
            let statuses = try await parallel(Client(client: client), 12, json: #"{"username":"nobody","password":"x"}"#)
            #expect(statuses.contains(.serviceUnavailable))
            #expect(statuses.allSatisfy { $0 == .serviceUnavailable || $0 == .unauthorized })
            // other requests are not held up by the hashing
            #expect(try await Client(client: client).call(.get, "/healthz").status == .ok)
        }
    }
}
