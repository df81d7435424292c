import Foundation
import Logging
import MotCuaReconciliation
import MotCuaStorage
import ServiceLifecycle
import Synchronization

/// Runs reconciliation jobs in the background, one at a time per process, off the request path.
///
/// - A job's findings stream into its staging rows batch by batch and are published to the campaign's
///   worklist in one transaction at the end (``SQLReconciliationJobs/publish``): all or nothing.
/// - While a job runs, its progress is written every second; that write is also its heartbeat. When it finds
///   the job no longer running (a steward cancelled it, in this or another process), the engine is cancelled
///   and stops at its next check.
/// - A stop of the application interrupts the running job (resumable). A job whose process died keeps its
///   `running` row until its heartbeat is older than `lease`; any process then marks it interrupted.
///
/// Started by the composition root, stopped with the application.
final class ReconciliationJobService: Service, Sendable {
    let jobs: SQLReconciliationJobs
    let runner: ReconciliationRunner
    let dossiers: any DossierRepository
    let now: @Sendable () -> Date
    let logger: Logger
    /// Set once the start-up migrations ran; no round is run before.
    let readiness: SchemaReadiness
    /// How long a running job's heartbeat may be silent before its process counts as gone.
    let lease: TimeInterval
    /// How often the queue is looked at without a nudge (jobs queued by another process, abandoned jobs).
    let pollInterval: Duration
    let heartbeatInterval: Duration
    private let wake: AsyncStream<Void>
    private let nudge: AsyncStream<Void>.Continuation

    init(
        jobs: SQLReconciliationJobs, runner: ReconciliationRunner, dossiers: any DossierRepository, now: @escaping @Sendable () -> Date,
        logger: Logger, readiness: SchemaReadiness, lease: TimeInterval = 60, pollInterval: Duration = .seconds(5),
        heartbeatInterval: Duration = .seconds(1)
    ) {
        self.jobs = jobs
        self.runner = runner
        self.dossiers = dossiers
        self.now = now
        self.logger = logger
        self.readiness = readiness
        self.lease = lease
        self.pollInterval = pollInterval
        self.heartbeatInterval = heartbeatInterval
        (wake, nudge) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Looks at the queue now (a job was queued or resumed).
    func notify() {
        nudge.yield()
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let nudge = self.nudge
            let interval = self.pollInterval
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        nudge.yield()
                        try? await Task.sleep(for: interval)
                    }
                }
                for await _ in self.wake {
                    if Task.isCancelled { break }
                    await self.drain()
                }
                group.cancelAll()
            }
        }
    }

    /// Sweeps abandoned jobs, then runs queued jobs until none is left.
    func drain() async {
        guard readiness.isReady else { return }
        do {
            let swept = try await jobs.sweepAbandoned(heartbeatBefore: now().addingTimeInterval(-lease), at: now())
            if swept > 0 { logger.notice("Reconciliation jobs interrupted by a stopped process", metadata: ["jobs": "\(swept)"]) }
            while !Task.isCancelled, let job = try await jobs.claimNext(at: now()) {
                await execute(job)
            }
        } catch {
            logger.warning("Reconciliation job round failed; the next round retries", metadata: LoggableError.metadata(error))
        }
    }

    /// Why a job stopped without publishing, as the worker saw it.
    private enum Stop: Error {
        /// Its row left `running` (a cancel, or another process declared it interrupted).
        case noLongerRunning
    }

    /// Runs one claimed job to its end state.
    func execute(_ job: ReconciliationJob) async {
        let metadata: Logger.Metadata = ["job": "\(job.id)", "campaign": "\(job.campaignID)", "attempt": "\(job.attempts)"]
        logger.info("Reconciliation job started", metadata: metadata)
        let latest = LatestProgress()
        do {
            let published = try await withThrowingTaskGroup(of: ReconciliationJob?.self, returning: ReconciliationJob?.self) { group in
                group.addTask { try await self.reconcile(job, latest: latest) }
                group.addTask {
                    try await self.beat(job.id, latest: latest)
                    return nil
                }
                // The run's publication ends the heartbeat; the heartbeat's stop cancels the engine (thrown from here).
                for try await result in group {
                    if let result {
                        group.cancelAll()
                        return result
                    }
                }
                return nil
            }
            if let published {
                logger.info("Reconciliation job published", metadata: metadata.merging(["findings": "\(published.outcome?.findingsStored ?? 0)"]) { $1 })
            }
        } catch {
            let (state, reason) = Self.ending(error, shuttingDown: Task.isCancelled)
            // Written even while the application stops: the job must not stay `running`.
            let ended = try? await jobs.finish(id: job.id, as: state, reason: reason, at: now())
            logger.notice(
                "Reconciliation job stopped",
                metadata: metadata.merging(["state": "\(ended?.state.rawValue ?? state.rawValue)", "error": "\(type(of: error))"]) { $1 })
        }
    }

    /// The end state and the reason shown to stewards. Input errors name the file, line and column (never a
    /// cell's content); anything else is reported by kind only.
    static func ending(_ error: any Error, shuttingDown: Bool) -> (ReconciliationJobState, String?) {
        switch error {
        case Stop.noLongerRunning:
            return (.cancelled, nil)
        case is CancellationError where shuttingDown, ReconciliationJobError.wrongState where shuttingDown:
            return (.interrupted, "Máy chủ dừng khi đang chạy / the server stopped while the job ran")
        case is CancellationError, ReconciliationJobError.wrongState:
            return (.cancelled, nil)
        case let error as ReconciliationInputError:
            return (.failed, String(describing: error))
        case let problem as Problem:
            return (.failed, problem.detail)
        case let error as DecodingError:
            return (.failed, "Tệp ánh xạ cột không hợp lệ / a column mapping file is not valid JSON: \(error)")
        default:
            return (.failed, "Lỗi khi chạy đối chiếu / the run failed: \(type(of: error))")
        }
    }

    /// Runs the engine on the job's inputs, stages its findings and publishes them.
    private func reconcile(_ job: ReconciliationJob, latest: LatestProgress) async throws -> ReconciliationJob {
        let inputs = job.inputs
        let register = try runner.file(inputs.register, field: "register")
        let registerMapping = try inputs.registerMapping.map { try runner.file($0, field: "registerMapping") }
        let sourceMapping = try inputs.sourceMapping.map { try runner.file($0, field: "sourceMapping") }
        // "platform:applicants" reads the platform's dossiers as they are when the attempt starts.
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let source: URL
        if inputs.source == ReconciliationJobService.platformApplicants {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-applicants-\(UUID().uuidString).csv")
            temporary = file
            _ = try await ApplicantsExport.writeCSV(dossiers: dossiers, to: file)
            source = file
        } else {
            source = try runner.file(inputs.source, field: "source")
        }
        let jobs = jobs
        let report = try await runner.run(
            register: register, source: source, registerMapping: registerMapping, sourceMapping: sourceMapping,
            progress: { snapshot in
                latest.value.withLock {
                    ($0.phase, $0.processed, $0.total, $0.matched) = (snapshot.phase.rawValue, snapshot.processed, snapshot.total, snapshot.matched)
                    ($0.rate, $0.remaining, $0.elapsed) = (snapshot.rate, snapshot.remaining, snapshot.elapsed)
                }
            },
            stage: { batch in
                try await jobs.stage(jobID: job.id, findings: batch)
                latest.value.withLock { $0.staged += batch.count }
            })
        let sourceName = inputs.source == Self.platformApplicants ? inputs.source : source.lastPathComponent
        return try await jobs.publish(
            id: job.id, sourceName: sourceName, registerRows: report.registerRows, sourceRows: report.sourceRows, kinds: report.kindCounts,
            at: now())
    }

    /// Writes the latest progress every `heartbeatInterval` until cancelled; throws ``Stop/noLongerRunning`` as
    /// soon as the job's row is no longer `running`.
    private func beat(_ id: String, latest: LatestProgress) async throws {
        while true {
            try await Task.sleep(for: heartbeatInterval)
            let progress = latest.value.withLock { $0 }
            guard try await jobs.heartbeat(id: id, progress: progress, at: now()) else {
                // Publication itself moves the row out of `running`: only a cancel or a sweep leaves it unpublished.
                if try await jobs.job(id: id)?.state == .succeeded { return }
                throw Stop.noLongerRunning
            }
        }
    }

    /// The source name that stands for the platform's own dossier applicants.
    static let platformApplicants = "platform:applicants"
}

/// The engine's latest progress, written by its workers and read by the heartbeat.
final class LatestProgress: Sendable {
    let value = Mutex(ReconciliationJobProgress())
}
