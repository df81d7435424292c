import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// bcrypt, off every thread that serves requests or the database: a small dedicated pool (sqlite-nio reads on
/// `NIOThreadPool.singleton`), at low CPU priority, with a bound on the work admitted. When the bound is
/// reached the caller is refused at once (``Busy``) instead of queueing, so a sign-in flood costs at most
/// the pool's threads and never delays other requests behind hashes.
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
    private let inFlight = Mutex(0)
    /// A hash of a random password at the same cost as real ones, checked for unknown, disabled and locked
    /// accounts so that every refusal takes as long as a real check.
    private let decoy = Mutex<String?>(nil)

    init(cost: UInt8, queue: Int) {
        self.cost = cost
        self.capacity = Self.threads + max(0, queue)
    }

    /// Takes a slot (or refuses at once with ``Busy``), then asks `lookUp` for the stored hash (the caller
    /// reserves the attempt there, so a refused sign-in never counts against an account), and checks
    /// `password` against it, or against the decoy when there is none.
    func verify(_ password: String, lookUp: () async throws -> String?) async throws -> Bool {
        try admit()
        defer { release() }
        let hash = try await lookUp()
        let target: String
        if let hash {
            target = hash
        } else if let cached = decoy.withLock({ $0 }) {
            target = cached
        } else {
            let made = try await run { [cost] in Bcrypt.hash(UUID().uuidString, cost: cost) }
            target = decoy.withLock { stored in
                if stored == nil { stored = made }
                return stored!
            }
        }
        let matches = try await run { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }

    /// Hashes a new password.
    func hash(_ password: String) async throws -> String {
        try admit()
        defer { release() }
        return try await run { [cost] in Bcrypt.hash(password, cost: cost) }
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

    private func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        try await Self.pool.runIfActive {
            Self.lowerPriority()
            return body()
        }
    }

    /// Linux keeps a nice value per thread: hashing yields the CPU to request and database threads.
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
