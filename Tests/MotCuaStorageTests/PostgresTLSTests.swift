import Foundation
import Logging
import MotCuaStorage
import PostgresNIO
import SQLKit
import Testing

/// The connection honours the URL's `sslmode` instead of always turning TLS off.
@Suite("PostgreSQL TLS mode")
struct PostgresTLSTests {
    @Test("sslmode is read as libpq names it; an unknown mode makes the URL invalid")
    func modes() {
        #expect(PostgresURL("postgres://u@h/db")?.tlsMode == .prefer)
        #expect(PostgresURL("postgres://u@h/db?sslmode=disable")?.tlsMode == .disable)
        #expect(PostgresURL("postgres://u@h/db?sslmode=allow")?.tlsMode == .prefer)
        for mode in ["require", "verify-ca", "verify-full"] {
            #expect(PostgresURL("postgres://u@h/db?sslmode=\(mode)")?.tlsMode == .require, "\(mode)")
        }
        #expect(PostgresURL("postgres://u@h/db?tlsmode=require")?.tlsMode == .require)
        #expect(PostgresURL("postgres://u@h/db?sslmode=bogus") == nil)
    }

    @Test(
        "With sslmode=require, a server without TLS is refused rather than used in the clear",
        .enabled(if: !(ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"] ?? "").isEmpty))
    func requireRefusesPlainServer() async throws {
        // The test server runs without TLS (CI starts it so).
        let base = try #require(ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let store = try PostgresStore(url: base + "?sslmode=require", logger: logger)
        let answered = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            // The pool keeps retrying a refused connection, so the query waits rather than fails: it must
            // not get an answer (which would mean a plain-text connection).
            return await withTaskGroup(of: Bool.self) { race in
                race.addTask { (try? await store.read { database in try await database.raw("SELECT 1 AS one").run() }) != nil }
                race.addTask {
                    try? await Task.sleep(for: .seconds(4))
                    return false
                }
                defer { race.cancelAll() }
                return await race.next() ?? false
            }
        }
        #expect(!answered)
    }
}
