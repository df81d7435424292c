import Foundation
import Synchronization

/// How many dossiers were received in the last second. The background verifier defers to a burst of
/// receipts: receiving (numbering, durably storing) comes first, completing from national data can wait
/// a few seconds more.
final class ReceiptPressure: Sendable {
    private let state = Mutex<(second: Int64, current: Int, previous: Int)>((0, 0, 0))
    private let clock: @Sendable () -> Date

    init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    func record() {
        let second = Int64(clock().timeIntervalSince1970)
        state.withLock { state in
            if state.second != second {
                state = (second, 0, state.second == second - 1 ? state.current : 0)
            }
            state.current += 1
        }
    }

    /// Receipts per second, over the current and the previous second.
    var rate: Int {
        let second = Int64(clock().timeIntervalSince1970)
        return state.withLock { state in
            switch state.second {
            case second: max(state.current, state.previous)
            case second - 1: state.current
            default: 0
            }
        }
    }
}
