import Foundation
import Synchronization

/// A snapshot of a long run, for a terminal progress line or a job status page.
public struct ReconciliationProgress: Sendable, Hashable {
    /// Stages of a run, in order.
    public enum Phase: String, Sendable, Hashable {
        case generating, readingRegister, readingSource, indexing, calibrating, matching, writing, evaluating, done
    }

    public var phase: Phase
    /// Records read or processed in this phase so far.
    public var processed: Int
    /// Records to process in this phase, when known.
    public var total: Int?
    /// Records matched to a register person so far (matching phase).
    public var matched: Int
    /// Seconds since the run started.
    public var elapsed: Double
    /// Records per second in this phase.
    public var rate: Double
    /// Estimated seconds left in this phase, when the total is known.
    public var remaining: Double?

    /// One terminal line: `matching 1,200,000/2,870,000 · matched 1,150,000 · 610k/s · 3s left · 12.4s`.
    public var line: String {
        var text = "\(phase.rawValue) \(processed)"
        if let total { text += "/\(total)" }
        if phase == .matching || phase == .done { text += " · matched \(matched)" }
        text += " · \(Int(rate / 1000))k/s"
        if let remaining { text += " · \(Int(remaining.rounded(.up)))s left" }
        return text + " · " + String(format: "%.1fs", elapsed)
    }
}

/// Receives progress snapshots; called from worker tasks, at most about five times a second.
public typealias ProgressHandler = @Sendable (ReconciliationProgress) -> Void

/// Counts work from many tasks and forwards throttled snapshots to a ``ProgressHandler``.
final class ProgressTracker: Sendable {
    private let handler: ProgressHandler?
    private let start: ContinuousClock.Instant
    private let phaseStart = Mutex<(ReconciliationProgress.Phase, ContinuousClock.Instant, Int?)>((.readingRegister, .now, nil))
    private let processed = Atomic<Int>(0)
    private let matched = Atomic<Int>(0)
    private let lastReport = Atomic<Int64>(0)

    init(handler: ProgressHandler?) {
        self.handler = handler
        self.start = .now
    }

    var elapsed: Double { Self.seconds(ContinuousClock.now - start) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Starts a phase and resets the counters.
    func begin(_ phase: ReconciliationProgress.Phase, total: Int?) {
        phaseStart.withLock { $0 = (phase, .now, total) }
        processed.store(0, ordering: .relaxed)
        matched.store(0, ordering: .relaxed)
        report(force: true)
    }

    /// Adds finished work and reports if the last report is old enough.
    func add(processed count: Int, matched matchedCount: Int = 0) {
        processed.add(count, ordering: .relaxed)
        if matchedCount > 0 { matched.add(matchedCount, ordering: .relaxed) }
        report(force: false)
    }

    func report(force: Bool) {
        guard let handler else { return }
        let now = Int64(elapsed * 1000)
        let last = lastReport.load(ordering: .relaxed)
        guard force || now - last >= 200 else { return }
        guard lastReport.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged || force else { return }
        let (phase, phaseBegan, total) = phaseStart.withLock { $0 }
        let done = processed.load(ordering: .relaxed)
        let phaseSeconds = max(Self.seconds(ContinuousClock.now - phaseBegan), 1e-6)
        let rate = Double(done) / phaseSeconds
        let remaining = total.flatMap { total in rate > 0 ? Double(max(total - done, 0)) / rate : nil }
        handler(
            ReconciliationProgress(
                phase: phase, processed: done, total: total, matched: matched.load(ordering: .relaxed),
                elapsed: elapsed, rate: rate, remaining: remaining))
    }
}
