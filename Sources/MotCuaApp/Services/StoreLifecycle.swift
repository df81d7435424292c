import MotCuaStorage
import ServiceLifecycle

/// Closes the database when the application shuts down, after the HTTP server (services stop in
/// reverse order), so no request is cut off mid-transaction.
struct StoreLifecycle: Service {
    let store: any SQLStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.close()
    }
}
