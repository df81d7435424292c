import Synchronization

/// The client addresses each account has recently signed in from, in memory per process. A sign-in from
/// one of them is not stopped by the account's lock (only by the address's own throttle), so an attacker
/// guessing from elsewhere cannot lock the official out at their usual desk: the lock only slows guesses
/// from other addresses.
final class KnownAddresses: Sendable {
    /// Addresses kept per account, most recent last.
    private static let perAccount = 4
    private static let accounts = 100_000
    private let addresses = Mutex<[String: [String]]>([:])

    func contains(username: String, address: String) -> Bool {
        addresses.withLock { $0[username]?.contains(address) ?? false }
    }

    func record(username: String, address: String) {
        addresses.withLock { addresses in
            if addresses.count >= Self.accounts, addresses[username] == nil { addresses.removeAll() }
            var list = addresses[username, default: []].filter { $0 != address }
            list.append(address)
            addresses[username] = Array(list.suffix(Self.perAccount))
        }
    }
}
