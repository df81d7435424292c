import Foundation
import Synchronization

/// Values computed at most once per `maxAge` per key, shared by every caller: one computation in flight per key
/// (single flight), and while it runs callers get the previous value if it is younger than `staleLimit`, so a
/// viewer never waits for a refresh once the first value exists.
final class RefreshingCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value?
        var computedAt: Date?
        var refresh: Task<Value, any Error>?
    }

    private enum Plan {
        case ready(Value)
        case wait(Task<Value, any Error>)
    }

    let maxAge: TimeInterval
    let staleLimit: TimeInterval
    private let entries = Mutex<[Key: Entry]>([:])

    init(maxAge: TimeInterval, staleLimit: TimeInterval) {
        self.maxAge = maxAge
        self.staleLimit = staleLimit
    }

    /// The value for `key` as of `now`: cached when fresh, else computed by `compute` (called with `now`).
    func value(_ key: Key, now: Date, compute: @escaping @Sendable (Date) async throws -> Value) async throws -> Value {
        let plan: Plan = entries.withLock { entries in
            var entry = entries[key] ?? Entry()
            // A clock that went back (tests) makes the value stale too.
            let age = entry.computedAt.map { now.timeIntervalSince($0) } ?? .infinity
            if let value = entry.value, age >= 0, age < maxAge { return .ready(value) }
            let refresh: Task<Value, any Error>
            if let running = entry.refresh {
                refresh = running
            } else {
                // The refresh files its own result, so callers served the stale value need not wait for it.
                refresh = Task { [self] in
                    do {
                        let value = try await compute(now)
                        store(key, result: .success(value), computedAt: now)
                        return value
                    } catch {
                        store(key, result: .failure(error), computedAt: now)
                        throw error
                    }
                }
                entry.refresh = refresh
                entries[key] = entry
            }
            if let value = entry.value, age >= 0, age < staleLimit { return .ready(value) }
            return .wait(refresh)
        }
        switch plan {
        case .ready(let value): return value
        case .wait(let task): return try await task.value
        }
    }

    private func store(_ key: Key, result: Result<Value, any Error>, computedAt: Date) {
        entries.withLock { entries in
            var entry = entries[key] ?? Entry()
            entry.refresh = nil
            if case .success(let value) = result {
                entry.value = value
                entry.computedAt = computedAt
            }
            entries[key] = entry
        }
    }
}
