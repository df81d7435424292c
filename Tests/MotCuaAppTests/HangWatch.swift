import Foundation
import Synchronization
import Testing

/// Diagnostics for the rare hang of the suites (every thread idle, long app tests in flight): each app a test
/// starts records the phase it is in, and a monitor writes to standard error, once, every phase that has lasted
/// longer than `limit`. A hung CI run then names the await it is stuck in (sandbox, database, preparation,
/// start-up before the body, the body, or the services' shutdown) instead of only the test.
enum HangWatch {
    private struct Entry {
        var label: String
        var phase: String
        var since: ContinuousClock.Instant
        var reported = false
    }

    static let limit: Duration = .seconds(180)
    private static let entries = Mutex<[UUID: Entry]>([:])
    /// When an app last started, changed phase or ended.
    private static let lastChange = Mutex<ContinuousClock.Instant>(.now)
    /// When a timed job of the concurrency runtime (`Task.sleep`) last ran.
    private static let lastProbe = Mutex<ContinuousClock.Instant>(.now)

    /// The monitor runs on a thread of its own, not on the cooperative pool: in the hang of 2/12/2026 its first
    /// version (a task sleeping with `Task.sleep`) printed one line and then never woke again, while six more tests
    /// stayed stuck. So it also reports when the runtime's timed jobs stop running, which a probe task shows.
    private static let monitor: Void = {
        _ = Task.detached {
            while true {
                try? await Task.sleep(for: .seconds(5))
                HangWatch.lastProbe.withLock { $0 = .now }
            }
        }
        let thread = Thread {
            var probeReported = false
            var lastSnapshot = ContinuousClock.now - .seconds(3_600)
            while true {
                Thread.sleep(forTimeInterval: 15)
                let now = ContinuousClock.now
                let late = HangWatch.entries.withLock { entries -> [Entry] in
                    var late: [Entry] = []
                    for (id, entry) in entries where !entry.reported && now - entry.since > HangWatch.limit {
                        entries[id]?.reported = true
                        late.append(entry)
                    }
                    return late
                }
                var lines = late.map { "HANGWATCH: \($0.label) has been in phase '\($0.phase)' for more than \(HangWatch.limit)\n" }
                let silence = now - HangWatch.lastProbe.withLock { $0 }
                if silence > .seconds(60), !probeReported {
                    probeReported = true
                    lines.append("HANGWATCH: no Task.sleep of 5 s has returned for \(silence); timed jobs are not running or the cooperative pool is saturated\n")
                }
                // With every report, and when no app has changed phase for two minutes, every app in flight and its
                // phase: in the hangs of 3/12/2026 tests stayed unfinished for minutes without any reported late.
                let quiet = now - HangWatch.lastChange.withLock { $0 } > .seconds(120)
                if !lines.isEmpty || (quiet && now - lastSnapshot > .seconds(300)) {
                    lastSnapshot = now
                    let all = HangWatch.entries.withLock { Array($0.values) }.sorted { $0.since < $1.since }
                    lines.append("HANGWATCH: \(all.count) app(s) in flight:\n")
                    lines += all.map { "HANGWATCH:   \($0.label) in '\($0.phase)' for \(now - $0.since)\n" }
                }
                for line in lines { FileHandle.standardError.write(Data(line.utf8)) }
            }
        }
        thread.name = "motcua-hangwatch"
        thread.start()
    }()

    /// Starts watching an app of the current test.
    static func start(_ what: String) -> UUID {
        _ = monitor
        let id = UUID()
        let label = "\(Test.current?.name ?? "?") [\(what)]"
        entries.withLock { $0[id] = Entry(label: label, phase: "starting", since: .now) }
        lastChange.withLock { $0 = .now }
        return id
    }

    static func phase(_ id: UUID, _ phase: String) {
        entries.withLock { $0[id]?.phase = phase; $0[id]?.since = .now; $0[id]?.reported = false }
        lastChange.withLock { $0 = .now }
    }

    static func end(_ id: UUID) {
        entries.withLock { $0[id] = nil }
        lastChange.withLock { $0 = .now }
    }
}
