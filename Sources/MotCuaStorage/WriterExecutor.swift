import Foundation

/// A task executor on a thread of its own, for the write queue's batches.
///
/// A batch awaits one database statement after another. On the shared cooperative pool each of those
/// resumptions would wait behind every queued HTTP task, stretching the batch (and every caller's latency)
/// under load; on this otherwise idle thread a resumption runs at once.
final class WriterExecutor: TaskExecutor, @unchecked Sendable {
    /// One thread serves every SQLite write queue in the process: writes are sequential per queue anyway.
    static let shared = WriterExecutor(name: "motcua-writer")

    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private let condition = NSCondition()

    private init(name: String) {
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let ready = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
