import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import Synchronization
import Testing

@testable import MotCuaApp

/// Tokens that stop working: sign-out, a changed password, a disabled account, idleness.
@Suite("Sessions")
struct SessionTests {
    @Test("After sign-out the token is refused at once", arguments: TestDatabase.backends)
    func signOutEndsTheSession(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let anonymous = Client(client: client)
            let official = try await anonymous.signedIn("kinhbac.tiepnhan")
            let other = try await anonymous.signedIn("kinhbac.tiepnhan")
            #expect(try await official.call(.get, "/api/v1/me").status == .ok)
            #expect(try await official.call(.post, "/api/v1/auth/sign-out").status == .noContent)
            #expect(try await official.call(.get, "/api/v1/me").status == .unauthorized)
            #expect(try await official.call(.post, "/api/v1/auth/sign-out").status == .unauthorized)
            // only that session ended
            #expect(try await other.call(.get, "/api/v1/me").status == .ok)
            #expect(try await anonymous.call(.post, "/api/v1/auth/sign-out").status == .unauthorized)
        }
    }

    @Test("The bearer credentials are read without the spaces and tabs HTTP allows around them, and nothing else is trimmed")
    func bearerCredentialsTrimming() {
        #expect(AuthenticationMiddleware.credentials(after: " \t abc.def.ghi \t ") == "abc.def.ghi")
        #expect(AuthenticationMiddleware.credentials(after: "abc") == "abc")
        #expect(AuthenticationMiddleware.credentials(after: " \t ").isEmpty)
        #expect(AuthenticationMiddleware.credentials(after: "\u{00A0}abc") == "\u{00A0}abc")
        #expect(AuthenticationMiddleware.credentials(after: "a b") == "a b")
    }

    @Test("Changing the password ends every other session of the account; the old password no longer works", arguments: TestDatabase.backends)
    func passwordChangeEndsOtherSessions(backend: TestDatabase) async throws {
        try await withApp(backend) { client, _ in
            let anonymous = Client(client: client)
            let here = try await anonymous.signedIn("kinhbac.chuyenvien")
            let elsewhere = try await anonymous.signedIn("kinhbac.chuyenvien")
            let weak = try await here.call(.post, "/api/v1/auth/password", json: #"{"currentPassword":"MotCua@2026","newPassword":"short"}"#)
            #expect(weak.status == .badRequest || weak.status == .unprocessableContent)
            let wrongCurrent = try await here.call(
                .post, "/api/v1/auth/password", json: #"{"currentPassword":"not-it","newPassword":"một mật khẩu dài hơn"}"#)
            #expect(wrongCurrent.status == .unauthorized)
            let changed = try await here.call(
                .post, "/api/v1/auth/password", json: #"{"currentPassword":"MotCua@2026","newPassword":"một mật khẩu dài hơn"}"#)
            #expect(changed.status == .noContent, "\(changed.body)")
            #expect(try await here.call(.get, "/api/v1/me").status == .ok)
            #expect(try await elsewhere.call(.get, "/api/v1/me").status == .unauthorized)
            let old = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"kinhbac.chuyenvien","password":"MotCua@2026"}"#)
            #expect(old.status == .unauthorized)
            _ = try await anonymous.signedIn("kinhbac.chuyenvien", password: "một mật khẩu dài hơn")
        }
    }

    @Test("Guessing the current password through a password change counts against the lock-out", arguments: [TestDatabase.sqlite])
    func passwordChangeCannotBeUsedToGuess(backend: TestDatabase) async throws {
        try await withApp(backend, configure: { $0.signInFailuresPerAddress = 1_000 }) { client, _ in
            let thief = try await Client(client: client).signedIn("kinhbac.lanhdao")
            for index in 0..<5 {
                let guess = try await thief.call(
                    .post, "/api/v1/auth/password", json: #"{"currentPassword":"guess-\#(index)","newPassword":"một mật khẩu dài hơn"}"#)
                #expect(guess.status == .unauthorized)
            }
            let locked = try await thief.call(
                .post, "/api/v1/auth/password", json: #"{"currentPassword":"MotCua@2026","newPassword":"một mật khẩu dài hơn"}"#)
            #expect(locked.status == .unauthorized)
        }
    }

    @Test("Dossier histories written by the application are sealed with the history key and verify with it", arguments: TestDatabase.backends)
    func historiesAreSealed(backend: TestDatabase) async throws {
        try await withApp(backend) { client, configuration in
            let s = try await Scenario(client)
            let dossier = try await s.receiveBirth()
            try await s.reception.transition(dossier.code, "assign", version: dossier.version, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            let audit = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                try await platform.dossiers.verifyHistory(seal: platform.historySeal, progress: nil)
            }
            #expect(audit.dossiersChecked == 1 && audit.entriesChecked >= 2)
            #expect(audit.breaks.isEmpty)
            // another key does not vouch for them
            let forged = try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                try await platform.dossiers.verifyHistory(seal: HistorySeal(key: Data(repeating: 1, count: 32)), progress: nil)
            }
            #expect(forged.breaks.count == 1)
        }
    }

    @Test("Disabling an account ends its sessions within the check interval, and it cannot sign in", arguments: TestDatabase.backends)
    func disabledAccountLosesItsTokens(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock) { client, configuration in
            let anonymous = Client(client: client)
            let official = try await anonymous.signedIn("kinhbac.trakq")
            #expect(try await official.call(.get, "/api/v1/dossiers").status == .ok)
            try await Platform.withPlatform(configuration, logger: Logger(label: "test")) { platform in
                try await AccountAdministration(platform: platform).disable(username: "kinhbac.trakq")
            }
            clock.set(vietnamTime(2026, 12, 7, 9, 0).addingTimeInterval(configuration.sessionCheckInterval + 1))
            #expect(try await official.call(.get, "/api/v1/dossiers").status == .unauthorized)
            let again = try await anonymous.call(.post, "/api/v1/auth/sign-in", json: #"{"username":"kinhbac.trakq","password":"MotCua@2026"}"#)
            #expect(again.status == .unauthorized)
        }
    }

    @Test("A session unused for longer than the idle timeout ends; activity keeps it alive", arguments: [TestDatabase.sqlite])
    func idleSessionsExpire(backend: TestDatabase) async throws {
        let clock = TestClock(vietnamTime(2026, 12, 7, 9))
        try await withApp(backend, clock: clock, configure: { $0.sessionIdleTimeout = 30 * 60 }) { client, _ in
            let anonymous = Client(client: client)
            let active = try await anonymous.signedIn("kinhbac.tiepnhan")
            let idle = try await anonymous.signedIn("kinhbac.lanhdao")
            clock.set(vietnamTime(2026, 12, 7, 9, 20))
            #expect(try await active.call(.get, "/api/v1/me").status == .ok)
            clock.set(vietnamTime(2026, 12, 7, 9, 40))
            #expect(try await active.call(.get, "/api/v1/me").status == .ok)
            #expect(try await idle.call(.get, "/api/v1/me").status == .unauthorized)
            clock.set(vietnamTime(2026, 12, 7, 10, 11))
            #expect(try await active.call(.get, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test("A token signed by an earlier key still works while that key is listed, and not after it is retired", arguments: [TestDatabase.sqlite])
    func keyRotation(backend: TestDatabase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-rotation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let old = directory.appendingPathComponent("old.key").path
        let new = directory.appendingPathComponent("new.key").path
        for path in [old, new] {
            _ = try KeyFile.loadOrGenerate(path: path, setting: "test")
        }
        let location = try await backend.make()
        guard case .sqlite(let path) = location else { return }
        let token = Captured<String>()
        try await withApp(backend, configure: { $0.sqlitePath = path; $0.tokenKeyFiles = [old] }) { client, _ in
            token.set(try await Client(client: client).signedIn("kinhbac.tiepnhan").token)
        }
        let issued = try #require(token.value)
        // the new key signs, the old one still verifies
        try await withApp(backend, configure: { $0.sqlitePath = path; $0.tokenKeyFiles = [new, old] }) { client, _ in
            let status = try await Client(client: client, token: issued).call(.get, "/api/v1/me").status
            #expect(status == .ok)
        }
        // the old key retired
        try await withApp(backend, configure: { $0.sqlitePath = path; $0.tokenKeyFiles = [new] }) { client, _ in
            let status = try await Client(client: client, token: issued).call(.get, "/api/v1/me").status
            #expect(status == .unauthorized)
        }
    }
}

/// A value a `@Sendable` test body hands back to the test.
final class Captured<Value: Sendable>: Sendable {
    private let state = Mutex<Value?>(nil)

    var value: Value? { state.withLock { $0 } }

    func set(_ value: Value?) { state.withLock { $0 = value } }
}
