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

    /// Records a failed sign-in; locks the account for `lockFor` once `threshold` failures accumulate.
    public func recordFailure(id: String, threshold: Int, lockFor: TimeInterval, at now: Date) async throws {
        try await store.write(lane: "officials") { database in
            try await database.raw(
                """
                UPDATE officials SET failed_attempts = failed_attempts + 1, locked_until = CASE \
                WHEN failed_attempts + 1 >= \(bind: threshold) THEN \(bind: DossierRow.ms(now.addingTimeInterval(lockFor))) \
                ELSE locked_until END WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Clears the failure counter after a successful sign-in.
    public func recordSuccess(id: String) async throws {
        try await store.write(lane: "officials") { database in
            try await database.raw(
                "UPDATE officials SET failed_attempts = 0, locked_until = NULL WHERE id = \(bind: id) AND (failed_attempts <> 0 OR locked_until IS NOT NULL)"
            ).run()
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
