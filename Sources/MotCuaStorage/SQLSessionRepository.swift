import Foundation
import SQLKit

/// A signed-in session behind a bearer token: an official's or a citizen's.
public struct StoredSession: Sendable, Hashable {
    public enum SubjectKind: String, Sendable {
        case official
        case citizen
    }

    public let id: String
    public let subjectKind: SubjectKind
    /// The official's id, or the citizen's ID number.
    public let subjectID: String
    public let lastSeenAt: Date
    public let expiresAt: Date
    public let revoked: Bool

    public init(id: String, subjectKind: SubjectKind, subjectID: String, lastSeenAt: Date, expiresAt: Date, revoked: Bool) {
        self.id = id
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}

/// Server-side sessions: a token is honoured only while its session is neither revoked, expired nor idle.
public struct SQLSessionRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    public func create(_ session: StoredSession, at now: Date) async throws {
        try await store.write(lane: "sessions") { database in
            try await database.raw(
                """
                INSERT INTO sessions (id, subject_kind, subject_id, created_at, last_seen_at, expires_at) VALUES \
                (\(bind: session.id), \(bind: session.subjectKind.rawValue), \(bind: session.subjectID), \(bind: DossierRow.ms(now)), \
                \(bind: DossierRow.ms(session.lastSeenAt)), \(bind: DossierRow.ms(session.expiresAt)))
                """
            ).run()
        }
    }

    public func find(id: String) async throws -> StoredSession? {
        try await store.lookup { database in
            guard let row = try await database.raw(
                "SELECT id, subject_kind, subject_id, last_seen_at, expires_at, revoked_at FROM sessions WHERE id = \(bind: id)"
            ).first() else { return nil }
            guard let kind = StoredSession.SubjectKind(rawValue: try row.decode(column: "subject_kind", as: String.self)) else {
                throw StoredDataError("session row has an unknown subject kind")
            }
            return StoredSession(
                id: try row.decode(column: "id", as: String.self), subjectKind: kind,
                subjectID: try row.decode(column: "subject_id", as: String.self),
                lastSeenAt: Date(timeIntervalSince1970: Double(try row.decode(column: "last_seen_at", as: Int.self)) / 1000),
                expiresAt: Date(timeIntervalSince1970: Double(try row.decode(column: "expires_at", as: Int.self)) / 1000),
                revoked: try row.decode(column: "revoked_at", as: Int?.self) != nil)
        }
    }

    /// Records activity, so the session does not expire for idleness.
    public func touch(id: String, at now: Date) async throws {
        try await store.write(lane: "sessions") { database in
            try await database.raw(
                "UPDATE sessions SET last_seen_at = \(bind: DossierRow.ms(now)) WHERE id = \(bind: id) AND revoked_at IS NULL"
            ).run()
        }
    }

    /// Ends one session (sign-out).
    public func revoke(id: String, at now: Date) async throws {
        try await store.write(lane: "sessions") { database in
            try await database.raw(
                "UPDATE sessions SET revoked_at = \(bind: DossierRow.ms(now)) WHERE id = \(bind: id) AND revoked_at IS NULL"
            ).run()
        }
    }

    /// Ends every session of a subject except `keeping` (account disabled, password changed); returns how many.
    @discardableResult
    public func revokeAll(subjectKind: StoredSession.SubjectKind, subjectID: String, keeping: String? = nil, at now: Date) async throws -> Int {
        try await store.write(lane: "sessions") { database in
            try await Self.revokeAll(subjectKind: subjectKind, subjectID: subjectID, keeping: keeping, at: now, on: database)
        }
    }

    static func revokeAll(
        subjectKind: StoredSession.SubjectKind, subjectID: String, keeping: String?, at now: Date, on database: any SQLDatabase
    ) async throws -> Int {
        try await database.raw(
            """
            UPDATE sessions SET revoked_at = \(bind: DossierRow.ms(now)) WHERE subject_kind = \(bind: subjectKind.rawValue) \
            AND subject_id = \(bind: subjectID) AND revoked_at IS NULL AND id <> \(bind: keeping ?? "") RETURNING id
            """
        ).all().count
    }

    /// Deletes sessions that ended before `cutoff`, so the table stays small.
    public func purge(endedBefore cutoff: Date) async throws {
        try await store.write(lane: "sessions") { database in
            try await database.raw(
                "DELETE FROM sessions WHERE expires_at < \(bind: DossierRow.ms(cutoff)) OR revoked_at < \(bind: DossierRow.ms(cutoff))"
            ).run()
        }
    }
}
