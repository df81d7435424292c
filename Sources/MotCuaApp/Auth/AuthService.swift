import Foundation
import HummingbirdBcrypt
import MotCuaStorage
import NIOPosix

/// Password sign-in with lock-out after repeated failures.
struct AuthService: Sendable {
    let officials: SQLOfficialRepository
    let keys: SigningKeyProvider
    let configuration: AppConfiguration
    let now: @Sendable () -> Date

    /// A bcrypt hash of a random password, checked when the username is unknown so that the answer takes
    /// as long as for a known one (no user enumeration by timing).
    private static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 10)

    /// Returns the token and the official, or throws a 401/423 problem.
    func signIn(username: String, password: String) async throws -> (token: String, expiresAt: Date, official: Official) {
        let official = try await officials.find(username: username)
        let hash = official?.passwordHash ?? Self.decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        let now = now()
        guard let official, official.active else { throw Problem.badCredentials }
        if let lockedUntil = official.lockedUntil, lockedUntil > now { throw Problem.accountLocked(until: lockedUntil) }
        guard matches else {
            try await officials.recordFailure(
                id: official.id, threshold: configuration.lockoutThreshold, lockFor: configuration.lockoutDuration, at: now)
            throw Problem.badCredentials
        }
        try await officials.recordSuccess(id: official.id)
        let expiresAt = now.addingTimeInterval(configuration.tokenLifetime)
        let principal = Principal(officialID: official.id, role: official.role, agencyID: official.agencyID)
        return (try await keys.current().issue(for: principal, expiresAt: expiresAt), expiresAt, official)
    }

    /// Hashes a new password off the request threads.
    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }
}
