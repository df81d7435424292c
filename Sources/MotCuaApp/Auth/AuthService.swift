import Foundation
import HummingbirdBcrypt
import MotCuaStorage
import NIOPosix

/// Why a sign-in or a password change was refused. Mapped to problem details at the HTTP edge.
enum SignInError: Error, Equatable {
    /// Wrong username or password, disabled or locked account: one answer for all, so that nobody learns
    /// which usernames exist or are locked.
    case badCredentials
    /// Too many failures from this address; retry after this many seconds.
    case throttled(retryAfter: Int)
    /// Every password-hashing slot is taken; retry shortly.
    case busy
    /// The new password does not meet the policy.
    case weakPassword(String)
}

/// Password sign-in for officials, hardened against guessing: a per-address throttle checked before any
/// hash, an attempt reserved on the account before its password is checked (so parallel guesses cannot
/// exceed the lock-out threshold, and a locked account is never checked at all), bcrypt on a dedicated
/// bounded pool, and the same answer and the same work for unknown, disabled and locked accounts. The lock
/// does not apply at an address the account recently signed in from (``KnownAddresses``), so guesses
/// from elsewhere cannot keep the official out.
struct AuthService: Sendable {
    let officials: SQLOfficialRepository
    let issuer: SessionIssuer
    let gate: SessionGate
    let hasher: PasswordHasher
    let throttle: SignInThrottle
    let knownAddresses: KnownAddresses
    let configuration: AppConfiguration
    let now: @Sendable () -> Date

    /// The minimum length of a new password.
    static let minimumPasswordLength = 12

    /// Returns a token and the official, or throws ``SignInError``.
    func signIn(username: String, password: String, address: String?) async throws -> (token: String, expiresAt: Date, official: Official) {
        // Without a known client address every attempt shares one throttle and none is trusted.
        let trusted = address.map { knownAddresses.contains(username: username, address: $0) } ?? false
        let address = address ?? "unknown"
        if let wait = throttle.admit(address: address, at: now()) { throw SignInError.throttled(retryAfter: wait) }
        var reserved: Official?
        let matches: Bool
        do {
            matches = try await hasher.verify(password, familiar: trusted) {
                if trusted {
                    // The official's usual address: the account's lock does not apply, the address's throttle does.
                    reserved = try await officials.find(username: username).flatMap { $0.active ? $0 : nil }
                } else {
                    reserved = try await officials.reserveAttempt(
                        username: username, threshold: configuration.lockoutThreshold, lockFor: configuration.lockoutDuration, at: now())
                }
                return reserved?.passwordHash
            }
        } catch is PasswordHasher.Busy {
            throttle.refund(address: address)
            throw SignInError.busy
        }
        // Re-checked after hashing: the account may have been disabled, or its password changed, meanwhile.
        guard matches, let official = reserved,
            try await officials.confirmSignIn(id: official.id, passwordHash: official.passwordHash)
        else { throw SignInError.badCredentials }
        throttle.refund(address: address)
        if address != "unknown" { knownAddresses.record(username: username, address: address) }
        let issued = try await issuer.issue(official: official)
        return (issued.token, issued.expiresAt, official)
    }

    /// Ends the caller's session.
    func signOut(session: String) async throws {
        try await issuer.sessions.revoke(id: session, at: now())
        gate.forget(session: session)
    }

    /// Changes an official's own password after checking the current one; every other session of the
    /// account ends. The check of the current password counts against the lock-out and the address's
    /// throttle like a sign-in, so a stolen token cannot be used to guess it.
    func changePassword(officialID: String, session: String?, current: String, new: String, address: String?) async throws {
        try Self.checkPolicy(new)
        guard let official = try await officials.find(id: officialID) else { throw SignInError.badCredentials }
        let address = address ?? "unknown"
        if let wait = throttle.admit(address: address, at: now()) { throw SignInError.throttled(retryAfter: wait) }
        var reserved: Official?
        let hash: String
        do {
            let matches = try await hasher.verify(current) {
                reserved = try await officials.reserveAttempt(
                    username: official.username, threshold: configuration.lockoutThreshold, lockFor: configuration.lockoutDuration, at: now())
                return reserved?.passwordHash
            }
            guard matches, reserved != nil else { throw SignInError.badCredentials }
            throttle.refund(address: address)
            hash = try await hasher.hash(new)
        } catch is PasswordHasher.Busy {
            throttle.refund(address: address)
            throw SignInError.busy
        }
        // Also clears the attempt reserved above.
        guard try await officials.setPassword(id: officialID, passwordHash: hash, keeping: session, at: now()) else {
            throw SignInError.badCredentials
        }
        gate.forget(official: officialID)
    }

    /// Hashes a password outside the request path (demo seeding, the `admin` command, benchmarks).
    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// At least ``minimumPasswordLength`` characters, not all alike.
    static func checkPolicy(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw SignInError.weakPassword("at least \(minimumPasswordLength) characters")
        }
        guard Set(password).count >= 4 else { throw SignInError.weakPassword("at least 4 different characters") }
    }
}
