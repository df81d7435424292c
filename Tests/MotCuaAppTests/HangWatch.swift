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
    private static let monitor: Void = {
        _ = Task.detached {
            while true {
                try? await Task.sleep(for: .seconds(15))
                let now = ContinuousClock.now
                let late = HangWatch.entries.withLock { entries -> [Entry] in
                    var late: [Entry] = []
                    for (id, entry) in entries where !entry.reported && now - entry.since > HangWatch.limit {
                        entries[id]?.reported = true
                        late.append(entry)
                    }
                    return late
                }
                for entry in late {
                    let line = "HANGWATCH: \(entry.label) has been in phase '\(entry.phase)' for more than \(HangWatch.limit)\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
            }
        }
    }()

    /// Starts watching an app of the current test.
    static func start(_ what: String) -> UUID {
        _ = monitor
        let id = UUID()
        let label = "\(Test.current?.name ?? "?") [\(what)]"
        entries.withLock { $0[id] = Entry(label: label, phase: "starting", since: .now) }
        return id
    }

    static func phase(_ id: UUID, _ phase: String) {
        entries.withLock { $0[id]?.phase = phase; $0[id]?.since = .now; $0[id]?.reported = false }
    }

    static func end(_ id: UUID) {
        entries.withLock { $0[id] = nil }
    }
}
