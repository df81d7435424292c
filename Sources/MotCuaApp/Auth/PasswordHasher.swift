import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// bcrypt, off every thread that serves requests or the database: a small dedicated pool (sqlite-nio reads on
/// `NIOThreadPool.singleton`), at low CPU priority, with two bounds on the work admitted: the checks running or
/// waiting (``capacity``), and the processor time that checks from unfamiliar addresses may use (``budget``).
/// Past either bound the caller is refused at once (``Busy``) instead of queueing. A flood of guesses from many
/// addresses therefore costs at most a fixed share of one core, while officials signing in from an address
/// they used before (``verify(_:familiar:lookUp:)``) are checked outside the budget.
final class PasswordHasher: Sendable {
    /// Refused because the pool is saturated; answer 503 with `Retry-After`.
    struct Busy: Error {}

    /// One thread per four cores, at least one: sign-ins are rare next to the rest of the traffic.
    static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / 4)

    /// Shared by every application in the process (tests build many), started on first use.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()

    let cost: UInt8
    /// Hashes running or waiting at most.
    let capacity: Int
    /// Processor time for checks from unfamiliar addresses.
    let budget: HashingBudget
    private let inFlight = Mutex(0)
    /// A hash of a random password at the same cost as real ones, checked for unknown, disabled and locked
    /// accounts so that every refusal takes as long as a real check.
    private let decoy = Mutex<String?>(nil)

    init(cost: UInt8, queue: Int, budget: HashingBudget = HashingBudget()) {
        self.cost = cost
        self.capacity = Self.threads + max(0, queue)
        self.budget = budget
    }

    /// Takes a slot (or refuses at once with ``Busy``), then asks `lookUp` for the stored hash (the caller
    /// reserves the attempt there, so a refused sign-in never counts against an account), and checks
    /// `password` against it, or against the decoy when there is none.
    /// - Parameter familiar: the account signed in from this address before; its check does not draw on the budget.
    func verify(_ password: String, familiar: Bool = false, lookUp: () async throws -> String?) async throws -> Bool {
        guard familiar || budget.available() else { throw Busy() }
        try admit()
        defer { release() }
        let hash = try await lookUp()
        let target: String
        if let hash {
            target = hash
        } else if let cached = decoy.withLock({ $0 }) {
            target = cached
        } else {
            let made = try await run(charging: familiar ? nil : budget) { [cost] in Bcrypt.hash(UUID().uuidString, cost: cost) }
            target = decoy.withLock { stored in
                if stored == nil { stored = made }
                return stored!
            }
        }
        let matches = try await run(charging: familiar ? nil : budget) { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }

    /// Hashes a new password.
    func hash(_ password: String) async throws -> String {
        try admit()
        defer { release() }
        return try await run(charging: nil) { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    private func admit() throws {
        let admitted = inFlight.withLock { count in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Busy() }
    }

    private func release() {
        inFlight.withLock { $0 -= 1 }
    }

    /// Runs `body` on the pool; its processor time is charged to `budget`, if any.
    private func run<T: Sendable>(charging budget: HashingBudget?, _ body: @escaping @Sendable () -> T) async throws -> T {
        try await Self.pool.runIfActive {
            Self.lowerPriority()
            let clock = ContinuousClock()
            let start = (clock.now, Self.threadProcessorSeconds())
            let value = body()
            if let budget {
                if let before = start.1, let after = Self.threadProcessorSeconds() {
                    budget.charge(seconds: after - before)
                } else {
                    // Without the kernel's figure, wall time: at least the processor time, so on the safe side.
                    let elapsed = clock.now - start.0
                    budget.charge(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
            }
            return value
        }
    }

    /// The calling thread's time on a processor, from Linux's `/proc/thread-self/schedstat` (its first field, in
    /// nanoseconds): unlike wall time it does not grow while the low-priority thread waits for a core, so a busy
    /// server does not drain the budget. Nil where the file does not exist.
    private static func threadProcessorSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/thread-self/schedstat", encoding: .ascii),
            let first = text.split(separator: " ").first, let nanoseconds = Double(first)
        else { return nil }
        return nanoseconds / 1e9
    }

    /// Linux keeps a nice value per thread: hashing yields the CPU to request and database threads.
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
