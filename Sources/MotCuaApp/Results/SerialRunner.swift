/// Runs async bodies one at a time, in call order (for rare actions that must not race, such as issuing a
/// leader's first certificate).
actor SerialRunner {
    private var tail: Task<Void, Never>?

    func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let previous = tail
        let task = Task<Result<Void, any Error>, Never> {
            await previous?.value
            do { return .success(try await body()) } catch { return .failure(error) }
        }
        tail = Task { _ = await task.value }
        try await task.value.get()
    }
}
