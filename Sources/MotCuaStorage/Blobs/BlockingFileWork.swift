import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Blocking file work (hashing and copying scans, fsync, structural checks of PDFs and images) runs here, on
/// a few dedicated threads at low CPU priority, never on the Swift cooperative pool: that pool has one thread
/// per core, and fifty uploads blocking it in `fsync` starved every other request (receipt p99 58 ms alone,
/// 570 ms beside 50 uploads, `Benchmarks/upload/run.sh`).
public enum BlockingFileWork {
    /// As many threads as cores: enough to keep the disk busy, few enough not to crowd out request handling.
    static let threads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Shared by every store in the process, started on first use.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()

    /// Runs `body` on the pool and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            lowerPriority()
            return try body()
        }
    }

    /// Linux keeps a nice value per thread: file work yields the CPU to request and database threads.
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
