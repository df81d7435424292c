import Foundation
import Synchronization

/// A token bucket shared by every upload in the process: scans are read from the network no faster than
/// `bytesPerSecond` in total, so a burst of uploads slows down itself (TCP backpressure) instead of the
/// receipts and look-ups beside it (`Benchmarks/upload/run.sh`: unbounded loopback uploads at 330 MB/s pushed
/// receipt p99 from 57 ms to 296 ms on two cores; at 48 MB/s it stayed within 20 %).
final class UploadBandwidth: Sendable {
    private let bytesPerSecond: Double
    /// At most one second of credit, so an idle period does not allow a burst.
    private let state: Mutex<(tokens: Double, at: ContinuousClock.Instant)>

    init(bytesPerSecond: Int) {
        self.bytesPerSecond = Double(bytesPerSecond)
        self.state = Mutex((Double(bytesPerSecond), ContinuousClock.now))
    }

    /// Takes `bytes` from the bucket, waiting as long as the rate requires.
    func acquire(_ bytes: Int) async throws {
        let wait: Double = state.withLock { state in
            let now = ContinuousClock.now
            let elapsed = state.at.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.tokens = min(bytesPerSecond, state.tokens + seconds * bytesPerSecond) - Double(bytes)
            state.at = now
            return state.tokens >= 0 ? 0 : -state.tokens / bytesPerSecond
        }
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
    }
}
