import SQLKit

/// The database engines MotCua runs on.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Access to the platform's database: concurrent reads, and writes that run in group-committed
/// transactions and return only once durable. Repositories are written once against this.
public protocol SQLStore: Sendable {
    var kind: DatabaseKind { get }
    /// Runs a read on a connection from the read side.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs a short read: a few rows found through an index (a dossier by its code, a session, a person's
    /// results). SQLite runs it inline on the calling thread, without the read side's two thread hops and
    /// statement compilation, which cost more than such a read itself; anything longer belongs in `read`.
    func lookup<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in a transaction (a savepoint inside a batch); returns after commit.
    /// - Parameter lane: writes with the same lane are serialised; different lanes may commit in parallel.
    func write<T: Sendable>(lane: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Like `write`, but the batch may run it together with other writes of the same combiner key.
    func write<T: Sendable>(
        lane: String, combiner: WriteCombiner, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T
    /// Runs one statement outside the batching machinery (migrations, bulk loads).
    func withWriteConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes connections.
    func close() async
}

extension SQLStore {
    public func lookup<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(body)
    }
}
