import Foundation
import MotCuaDomain
import SQLKit

/// Officials' accounts, in the same database as the dossiers.
public struct SQLOfficialRepository: Sendable {
    let store: any SQLStore

    public init(store: any SQLStore) {
        self.store = store
    }

    private static let columns = "id, username, full_name, role, agency_id, password_hash, failed_attempts, locked_until, active"

    /// Creates the account; returns false if the username is taken.
    @discardableResult
    public func create(_ official: Official, at now: Date = Date()) async throws -> Bool {
        try await store.write(lane: "officials") { database in
            let rows = try await database.raw(
                """
                INSERT INTO officials (id, username, full_name, role, agency_id, password_hash, failed_attempts, active, created_at) \
                VALUES (\(bind: official.id), \(bind: official.username), \(bind: official.fullName), \(bind: official.role.rawValue), \
                \(bind: official.agencyID), \(bind: official.passwordHash), 0, \(bind: official.active ? 1 : 0), \
                \(bind: DossierRow.ms(now))) ON CONFLICT DO NOTHING RETURNING id
                """
            ).all()
            return !rows.isEmpty
        }
    }

    public func find(username: String) async throws -> Official? {
        try await store.read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.columns) FROM officials WHERE username = \(bind: username)")
                .first().map(Self.decode)
        }
    }

    public func find(id: String) async throws -> Official? {
        try await store.read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.columns) FROM officials WHERE id = \(bind: id)")
                .first().map(Self.decode)
        }
    }

    public func list(agencyID: String, role: Role?) async throws -> [Official] {
        try await store.read { database in
            var sql = SQLQueryString("SELECT \(unsafeRaw: Self.columns) FROM officials WHERE agency_id = \(bind: agencyID)")
            if let role {
                sql.appendInterpolation(unsafeRaw: " AND role = ")
                sql.appendInterpolation(bind: role.rawValue)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY username")
            return try await database.raw(sql).all().map(Self.decode)
        }
    }

    public func count() async throws -> Int {
        try await store.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM officials").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Reserves one password attempt before the password is checked, atomically: the attempt counts as a
    /// failure until ``confirmSignIn(id:passwordHash:)`` clears it, and the attempt that reaches `threshold`
    /// locks the account at once. Returns nil, without reserving, when the username is unknown, the account
    /// is disabled or it is locked; so parallel guesses cannot all be checked within one lock window. A lock
    /// that has expired starts a fresh count, so one stray guess cannot extend a lock forever.
    public func reserveAttempt(username: String, threshold: Int, lockFor: TimeInterval, at now: Date) async throws -> Official? {
        let nowMS = DossierRow.ms(now)
        let lockEnd = DossierRow.ms(now.addingTimeInterval(lockFor))
        // Every right-hand side sees the row as it was, so the lock is computed from the count before this attempt.
        let fresh = "locked_until IS NOT NULL AND locked_until <= "
        return try await store.write(lane: "officials") { database in
            let row = try await database.raw(
                """
                UPDATE officials SET \
                failed_attempts = CASE WHEN \(unsafeRaw: fresh)\(bind: nowMS) THEN 1 ELSE failed_attempts + 1 END, \
                locked_until = CASE WHEN (CASE WHEN \(unsafeRaw: fresh)\(bind: nowMS) THEN 1 ELSE failed_attempts + 1 END) >= \(bind: threshold) \
                THEN \(bind: lockEnd) ELSE NULL END \
                WHERE username = \(bind: username) AND active = 1 AND (locked_until IS NULL OR locked_until <= \(bind: nowMS)) \
                RETURNING \(unsafeRaw: Self.columns)
                """
            ).first()
            guard let row else {
                // Nothing reserved: write anyway, so the commit takes as long as for a real account.
                try await database.raw("UPDATE sign_in_decoy SET attempts = attempts + 1 WHERE id = 1").run()
                return nil
            }
            return try Self.decode(row)
        }
    }

    /// After a correct password: clears the count and any lock the attempt itself set, but only if the
    /// account is still active with the same password hash (it may have been disabled or its password
    /// changed while the hash was checked). Returns false, and no token may be issued, otherwise.
    public func confirmSignIn(id: String, passwordHash: String) async throws -> Bool {
        try await store.write(lane: "officials") { database in
            let rows = try await database.raw(
                """
                UPDATE officials SET failed_attempts = 0, locked_until = NULL \
                WHERE id = \(bind: id) AND active = 1 AND password_hash = \(bind: passwordHash) RETURNING id
                """
            ).all()
            return !rows.isEmpty
        }
    }

    /// Disables or re-enables an account; disabling ends its sessions in the same transaction.
    /// Returns false when no account has this username.
    public func setActive(username: String, _ active: Bool, at now: Date) async throws -> Bool {
        try await store.write(lane: "officials") { database in
            guard let row = try await database.raw(
                "UPDATE officials SET active = \(bind: active ? 1 : 0) WHERE username = \(bind: username) RETURNING id"
            ).first() else { return false }
            if !active {
                let id = try row.decode(column: "id", as: String.self)
                _ = try await SQLSessionRepository.revokeAll(subjectKind: .official, subjectID: id, keeping: nil, at: now, on: database)
            }
            return true
        }
    }

    /// Replaces the password hash, clears any lock, and ends every session of the account but `keeping`
    /// (the session that changed it, if any). Returns false when no account has this id.
    public func setPassword(id: String, passwordHash: String, keeping session: String?, at now: Date) async throws -> Bool {
        try await store.write(lane: "officials") { database in
            guard try await database.raw(
                "UPDATE officials SET password_hash = \(bind: passwordHash), failed_attempts = 0, locked_until = NULL WHERE id = \(bind: id) RETURNING id"
            ).first() != nil else { return false }
            _ = try await SQLSessionRepository.revokeAll(subjectKind: .official, subjectID: id, keeping: session, at: now, on: database)
            return true
        }
    }

    /// Those of these usernames that belong to active accounts (production refuses to run with demo accounts).
    public func active(usernames: [String]) async throws -> [String] {
        guard !usernames.isEmpty else { return [] }
        return try await store.read { database in
            var sql = SQLQueryString("SELECT username FROM officials WHERE username IN (")
            sql.appendBindList(usernames)
            sql.appendInterpolation(unsafeRaw: ") AND active = 1 ORDER BY username")
            return try await database.raw(sql).all().map { try $0.decode(column: "username", as: String.self) }
        }
    }

    static func decode(_ row: any SQLRow) throws -> Official {
        guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoredDataError("official row has an unknown role")
        }
        return Official(
            id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
            fullName: try row.decode(column: "full_name", as: String.self), role: role,
            agencyID: try row.decode(column: "agency_id", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            failedAttempts: try row.decode(column: "failed_attempts", as: Int.self),
            lockedUntil: DossierRow.date(try row.decode(column: "locked_until", as: Int?.self)),
            active: try row.decode(column: "active", as: Int.self) != 0)
    }
}
