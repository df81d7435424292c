import Foundation
import JWTKit
import MotCuaDomain
import MotCuaStorage
import Synchronization

/// Opens sessions and issues their bearer tokens, for officials (password sign-in) and citizens (e-ID).
struct SessionIssuer: Sendable {
    let keys: TokenKeys
    let sessions: SQLSessionRepository
    let lifetime: TimeInterval
    let now: @Sendable () -> Date

    func issue(official: Official) async throws -> (token: String, expiresAt: Date) {
        try await issue(kind: .official, subjectID: official.id, level: nil, name: nil)
    }

    /// The name is stored NFC so the token compares equal however it was typed.
    func issue(citizen: CitizenPrincipal) async throws -> (token: String, expiresAt: Date) {
        try await issue(
            kind: .citizen, subjectID: citizen.citizenID.value, level: citizen.assuranceLevel,
            name: citizen.fullName.precomposedStringWithCanonicalMapping)
    }

    private func issue(kind: SessionClaims.Kind, subjectID: String, level: Int?, name: String?) async throws -> (token: String, expiresAt: Date) {
        let now = now()
        // Whole seconds: the JWT `exp` claim is in seconds, and the session must not outlive it.
        let expiresAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down))
        var random = SystemRandomNumberGenerator()
        let id = Base64URL.encode(Data((0..<18).map { _ in UInt8.random(in: 0...255, using: &random) }))
        try await sessions.create(
            StoredSession(
                id: id, subjectKind: kind == .official ? .official : .citizen, subjectID: subjectID, lastSeenAt: now, expiresAt: expiresAt,
                revoked: false),
            at: now)
        let claims = SessionClaims(sub: .init(value: subjectID), exp: .init(value: expiresAt), sid: id, typ: kind, lvl: level, name: name)
        return (try await keys.sign(claims), expiresAt)
    }
}

/// Decides whether a token's session is still valid: not signed out, not expired, not idle for longer than
/// the idle timeout, and (for officials) the account still active. The answer is cached for a few seconds
/// per session, so a request costs no database read; revocations made on this node apply at once.
final class SessionGate: Sendable {
    private struct Entry {
        var session: StoredSession
        var official: Official?
        var checkedAt: Date
    }

    private let sessions: SQLSessionRepository
    private let officials: SQLOfficialRepository
    private let idleTimeout: TimeInterval
    private let checkInterval: TimeInterval
    private let cache = Mutex<[String: Entry]>([:])
    /// Activity is recorded at most this often per session.
    private static let touchInterval: TimeInterval = 60

    init(sessions: SQLSessionRepository, officials: SQLOfficialRepository, idleTimeout: TimeInterval, checkInterval: TimeInterval) {
        self.sessions = sessions
        self.officials = officials
        self.idleTimeout = idleTimeout
        self.checkInterval = checkInterval
    }

    /// The caller a genuine token stands for, or nil when its session has ended.
    func caller(for claims: SessionClaims, at now: Date) async throws -> Caller? {
        guard claims.exp.value > now, var entry = try await lookUp(claims.sid, at: now) else { return nil }
        let session = entry.session
        guard !session.revoked, session.expiresAt > now, now.timeIntervalSince(session.lastSeenAt) <= idleTimeout,
            session.subjectID == claims.sub.value
        else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
            try await sessions.touch(id: session.id, at: now)
            entry.session = StoredSession(
                id: session.id, subjectKind: session.subjectKind, subjectID: session.subjectID, lastSeenAt: now,
                expiresAt: session.expiresAt, revoked: false)
            let updated = entry
            cache.withLock { $0[session.id] = updated }
        }
        switch (claims.typ, session.subjectKind) {
        case (.official, .official):
            guard let official = entry.official, official.active else { return nil }
            return .official(Principal(officialID: official.id, role: official.role, agencyID: official.agencyID))
        case (.citizen, .citizen):
            guard let level = claims.lvl, (1...2).contains(level), let name = claims.name,
                let citizenID = try? CitizenID(session.subjectID)
            else { return nil }
            return .citizen(CitizenPrincipal(citizenID: citizenID, fullName: name, assuranceLevel: level))
        default:
            return nil
        }
    }

    private func lookUp(_ id: String, at now: Date) async throws -> Entry? {
        if let cached = cache.withLock({ $0[id] }), now.timeIntervalSince(cached.checkedAt) < checkInterval, now >= cached.checkedAt {
            return cached
        }
        guard let session = try await sessions.find(id: id) else { return nil }
        let official = session.subjectKind == .official ? try await officials.find(id: session.subjectID) : nil
        let entry = Entry(session: session, official: official, checkedAt: now)
        cache.withLock { cache in
            if cache.count > 50_000 { cache.removeAll() }
            cache[id] = entry
        }
        return entry
    }

    /// Forgets a session, so its revocation applies to the next request on this node.
    func forget(session id: String) {
        _ = cache.withLock { $0.removeValue(forKey: id) }
    }

    /// Forgets every cached session of an official (password changed, account disabled).
    func forget(official id: String) {
        cache.withLock { cache in cache = cache.filter { $0.value.session.subjectKind != .official || $0.value.session.subjectID != id } }
    }
}
