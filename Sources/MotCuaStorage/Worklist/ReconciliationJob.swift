import Foundation

/// Where a reconciliation job stands.
public enum ReconciliationJobState: String, Sendable, Hashable, CaseIterable {
    /// Waiting for the process's single run slot.
    case queued
    case running
    /// A cancel was asked for; the engine stops at its next check (within about a second).
    case cancelling
    case cancelled
    /// The run stopped on an error (bad input names the file, line and column); see the reason.
    case failed
    /// The process stopped while the job ran (a restart, a crash); nothing of it was published.
    case interrupted
    /// Findings published to the campaign's worklist.
    case succeeded

    /// Holds the campaign's single active slot.
    public var isActive: Bool { self == .queued || self == .running || self == .cancelling }
    /// May start again with the same inputs.
    public var isResumable: Bool { self == .cancelled || self == .failed || self == .interrupted }
}

/// What a job reconciles: file names of the import directory (or `platform:applicants`) and optional mappings.
public struct ReconciliationJobInputs: Sendable, Hashable {
    public let register: String
    public let source: String
    public let registerMapping: String?
    public let sourceMapping: String?

    public init(register: String, source: String, registerMapping: String?, sourceMapping: String?) {
        self.register = register
        self.source = source
        self.registerMapping = registerMapping
        self.sourceMapping = sourceMapping
    }
}

/// The engine's last progress snapshot of the current attempt, and how many findings are staged.
public struct ReconciliationJobProgress: Sendable, Hashable {
    public var phase: String?
    public var processed: Int
    public var total: Int?
    public var matched: Int
    /// Records per second in the phase.
    public var rate: Double?
    /// Estimated seconds left in the phase.
    public var remaining: Double?
    /// Seconds since the attempt started.
    public var elapsed: Double?
    /// Findings written to the staging table so far (not yet visible in the worklist).
    public var staged: Int

    public init(
        phase: String? = nil, processed: Int = 0, total: Int? = nil, matched: Int = 0, rate: Double? = nil, remaining: Double? = nil,
        elapsed: Double? = nil, staged: Int = 0
    ) {
        self.phase = phase
        self.processed = processed
        self.total = total
        self.matched = matched
        self.rate = rate
        self.remaining = remaining
        self.elapsed = elapsed
        self.staged = staged
    }
}

/// What a succeeded job published.
public struct ReconciliationJobOutcome: Sendable, Hashable {
    public let runID: String
    public let registerRows: Int
    public let sourceRows: Int
    /// Findings that need a decision, now in the worklist.
    public let findingsStored: Int
    /// Every finding kind with its count, including the consistent matches that are not stored.
    public let kinds: [String: Int]

    public init(runID: String, registerRows: Int, sourceRows: Int, findingsStored: Int, kinds: [String: Int]) {
        self.runID = runID
        self.registerRows = registerRows
        self.sourceRows = sourceRows
        self.findingsStored = findingsStored
        self.kinds = kinds
    }
}

/// A reconciliation run started over the API and executed in the background.
public struct ReconciliationJob: Sendable, Hashable {
    public let id: String
    public let campaignID: String
    public let inputs: ReconciliationJobInputs
    public let state: ReconciliationJobState
    /// Why it failed (file, line and column for bad input) or was interrupted.
    public let reason: String?
    public let progress: ReconciliationJobProgress
    public let outcome: ReconciliationJobOutcome?
    /// Attempts started (1 for a job run once; each resume adds one).
    public let attempts: Int
    public let createdBy: String
    public let createdAt: Date
    /// The steward who last resumed it.
    public let resumedBy: String?
    public let startedAt: Date?
    public let updatedAt: Date
    public let finishedAt: Date?
}

/// Refusals of job operations.
public enum ReconciliationJobError: Error, Sendable, Equatable {
    case jobNotFound
    /// The campaign already has a queued or running job.
    case campaignBusy(jobID: String)
    /// The job's state does not allow the operation (resuming a succeeded job, cancelling a finished one).
    case wrongState(ReconciliationJobState)
}
