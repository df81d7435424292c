/// A named, append-only schema step. Once released, a migration is never edited: changes get a new one.
public struct Migration: Sendable {
    public let name: String
    /// Statements for both engines, unless `postgres` overrides them for PostgreSQL.
    let statements: [String]
    let sqliteOnly: [String]
    let postgresOnly: [String]

    init(_ name: String, _ statements: [String], sqliteOnly: [String] = [], postgresOnly: [String] = []) {
        self.name = name
        self.statements = statements
        self.sqliteOnly = sqliteOnly
        self.postgresOnly = postgresOnly
    }

    func statements(for kind: DatabaseKind) -> [String] {
        statements + (kind == .sqlite ? sqliteOnly : postgresOnly)
    }
}
