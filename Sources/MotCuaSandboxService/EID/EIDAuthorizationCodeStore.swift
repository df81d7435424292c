import Foundation
import Synchronization

/// Outstanding authorization codes, in memory. A code is removed when it is redeemed, whether or not the
/// redemption succeeds, so a replay always fails; expired codes are swept whenever a code is issued.
final class EIDAuthorizationCodeStore: Sendable {
    private let codes = Mutex<[String: EIDAuthorizationCode]>([:])

    func insert(_ grant: EIDAuthorizationCode, code: String, now: Date) {
        codes.withLock { codes in
            codes = codes.filter { $0.value.expiresAt > now }
            codes[code] = grant
        }
    }

    /// Removes and returns the code's grant, expired or not; nil if it was never issued or already used.
    func take(_ code: String) -> EIDAuthorizationCode? {
        codes.withLock { $0.removeValue(forKey: code) }
    }

    var count: Int { codes.withLock { $0.count } }
}
