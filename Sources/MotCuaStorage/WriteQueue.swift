import SQLKit
import Synchronization

/// Serialises writes into batched transactions (group commit).
///
/// A whole batch shares one `COMMIT` and therefore one fsync. The batch first runs without savepoints (writes
/// that can combine, such as receipts, as multi-row statements); if anything fails it is rolled back and
/// rerun with a savepoint per write, so one failing write never affects another. A job's caller resumes only after the
/// batch's commit returned, so an acknowledged write is durable. The first write to find the queue idle starts a
/// drain task on the queue's executor, which runs batch after batch until the queue is empty and then ends.
final class WriteQueue: Sendable {
    /// Runs the body on the connection that owns the transaction.
    typealias ConnectionProvider = @Sendable (_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void

    private let withConnection: ConnectionProvider
    private let beginStatement: String
    private let maximumBatch: Int
    private let state = Mutex(State())

    private struct State {
        var queue: [Job] = []
        var draining = false
    }

    /// Where batches run: SQLite's statements execute inline, so its batches get a thread of their own;
    /// PostgreSQL's wait on the network and run on the shared pool.
    private let executor: (any TaskExecutor)?

    init(
        beginStatement: String, maximumBatch: Int = 256, executor: (any TaskExecutor)? = nil,
        withConnection: @escaping ConnectionProvider
    ) {
        self.beginStatement = beginStatement
        self.executor = executor
        self.maximumBatch = maximumBatch
        self.withConnection = withConnection
    }

    /// Runs `body` in a transaction and returns once that transaction is committed.
    /// - Parameter combiner: lets the batch run this write together with others of the same kind in a few
    ///   multi-row statements; `body` remains the fallback when the combined attempt fails.
    func perform<T: Sendable>(
        combiner: WriteCombiner? = nil, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let job = Job(combiner: combiner) { database in try await body(database) }
        let startsDrain = state.withLock { state in
            state.queue.append(job)
            if state.draining { return false }
            state.draining = true
            return true
        }
        if startsDrain {
            // The drain stays on the executor between batches. Handing the next batch to a waiting caller's
            // task instead (as this queue once did) put it behind every response the cooperative pool was
            // encoding for the batch just committed, and the writer sat idle meanwhile.
            if let executor {
                Task(executorPreference: executor) { await self.drain() }
            } else {
                Task { await self.drain() }
            }
        }
        await job.waitUntilFinished()
        return try job.result(as: T.self)
    }

    /// Runs batches of queued writes, oldest first, until the queue is empty.
    private func drain() async {
        while true {
            let batch: [Job] = state.withLock { state in
                guard !state.queue.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.queue.count, maximumBatch)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            await execute(batch)
            for job in batch { job.finish() }
        }
    }

    private func execute(_ batch: [Job]) async {
        // Optimistic pass: the whole batch in one transaction without savepoints (half the statements).
        // Jobs are pure database work, so if any of them fails the batch is rolled back and run again
        // with a savepoint per job, which isolates the failure.
        if batch.count > 1 {
            do {
                try await withConnection { database in
                    try await database.raw(SQLQueryString(self.beginStatement)).run()
                    do {
                        // Writes of one kind that know how to combine go first, together.
                        let groups = Dictionary(grouping: batch.filter { $0.combiner != nil }, by: { $0.combiner!.key })
                        var combined = Set<ObjectIdentifier>()
                        for (_, jobs) in groups where jobs.count > 1 {
                            let results = try await jobs[0].combiner!.run(jobs.map { $0.combiner!.payload }, database)
                            for (job, result) in zip(jobs, results) {
                                job.succeed(result)
                                combined.insert(ObjectIdentifier(job))
                            }
                        }
                        for job in batch where !combined.contains(ObjectIdentifier(job)) { try await job.run(database) }
                        try await database.raw("COMMIT").run()
                    } catch {
                        try? await database.raw("ROLLBACK").run()
                        throw error
                    }
                }
                return
            } catch {
                for job in batch { job.reset() }
            }
        }
        do {
            try await withConnection { database in
                try await database.raw(SQLQueryString(self.beginStatement)).run()
                do {
                    for job in batch {
                        if batch.count == 1 {
                            // A lone job is isolated by the transaction itself.
                            do { try await job.run(database) } catch { job.fail(error) }
                            continue
                        }
                        try await database.raw("SAVEPOINT job").run()
                        do {
                            try await job.run(database)
                            try await database.raw("RELEASE SAVEPOINT job").run()
                        } catch {
                            job.fail(error)
                            try await database.raw("ROLLBACK TO SAVEPOINT job").run()
                            try await database.raw("RELEASE SAVEPOINT job").run()
                        }
                    }
                    if batch.count == 1, case .failure = batch[0].peek() {
                        try await database.raw("ROLLBACK").run()
                    } else {
                        try await database.raw("COMMIT").run()
                    }
                } catch {
                    try? await database.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            // Nothing of the batch is committed: every job, even one whose body succeeded, fails.
            for job in batch { job.failUnlessFailed(error) }
        }
    }
}

/// One queued write and the way its caller is woken.
private final class Job: Sendable {
    private struct State {
        var outcome: Result<any Sendable, any Error>?
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let body: @Sendable (any SQLDatabase) async throws -> any Sendable
    let combiner: WriteCombiner?
    private let state = Mutex(State())

    init(combiner: WriteCombiner?, _ body: @escaping @Sendable (any SQLDatabase) async throws -> any Sendable) {
        self.combiner = combiner
        self.body = body
    }

    func succeed(_ value: any Sendable) {
        state.withLock { $0.outcome = .success(value) }
    }

    func run(_ database: any SQLDatabase) async throws {
        let value = try await body(database)
        state.withLock { $0.outcome = .success(value) }
    }

    func fail(_ error: any Error) {
        state.withLock { $0.outcome = .failure(error) }
    }

    /// Forgets the outcome of an attempt that was rolled back.
    func reset() {
        state.withLock { $0.outcome = nil }
    }

    func peek() -> Result<any Sendable, any Error>? {
        state.withLock { $0.outcome }
    }

    func failUnlessFailed(_ error: any Error) {
        state.withLock { state in
            if case .failure = state.outcome { return }
            state.outcome = .failure(error)
        }
    }

    func result<T>(as type: T.Type) throws -> T {
        let outcome = state.withLock { $0.outcome }
        switch outcome {
        case .success(let value): return value as! T
        case .failure(let error): throw error
        case nil: throw WriteQueueError.notExecuted
        }
    }

    /// Wakes the caller: the job's batch has committed or rolled back.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func waitUntilFinished() async {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state -> Bool in
                if state.finished { return true }
                state.waiter = continuation
                return false
            }
            if finished { continuation.resume() }
        }
    }
}

/// A write that the queue never ran; indicates a bug, not bad input.
enum WriteQueueError: Error {
    case notExecuted
}

/// How a write can be run together with others of its kind: `run` receives the payloads of every such
/// write in the batch and returns their results in the same order.
public struct WriteCombiner: Sendable {
    let key: String
    let payload: any Sendable
    let run: @Sendable (_ payloads: [any Sendable], _ database: any SQLDatabase) async throws -> [any Sendable]

    public init(
        key: String, payload: any Sendable,
        run: @escaping @Sendable (_ payloads: [any Sendable], _ database: any SQLDatabase) async throws -> [any Sendable]
    ) {
        self.key = key
        self.payload = payload
        self.run = run
    }
}
