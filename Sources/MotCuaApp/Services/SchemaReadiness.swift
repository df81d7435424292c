import Synchronization

/// Whether the start-up migrations have run. The background services start with the application, at the same
/// time as the migrations; until this is set they skip their rounds rather than query tables a new database
/// does not have yet (each such query failed, and PostgreSQL logged every failure as an error).
final class SchemaReadiness: Sendable {
    private let ready = Atomic<Bool>(false)

    /// Whether the schema is current.
    var isReady: Bool { ready.load(ordering: .acquiring) }

    /// Called once the migrations have run.
    func markReady() { ready.store(true, ordering: .releasing) }
}
