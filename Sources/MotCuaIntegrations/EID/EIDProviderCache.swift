import Foundation
import JWTKit

/// The provider's discovery document and verification keys, fetched once and kept.
actor EIDProviderCache {
    private(set) var metadata: EIDProviderMetadata?
    private var keys: JWTKeyCollection?
    private var keyIDs: Set<String> = []
    private var keysFetchedAt: Date?

    func store(_ metadata: EIDProviderMetadata) { self.metadata = metadata }

    /// The key set if it holds `kid`.
    func keys(holding kid: String) -> JWTKeyCollection? {
        keyIDs.contains(kid) ? keys : nil
    }

    /// Whether the keys may be fetched again: at most every `interval`, so tokens with made-up key IDs
    /// cannot turn the relying party into a flood against the provider.
    func mayRefetchKeys(now: Date, interval: TimeInterval) -> Bool {
        keysFetchedAt.map { now.timeIntervalSince($0) >= interval } ?? true
    }

    func store(_ keys: JWTKeyCollection, ids: Set<String>, fetchedAt: Date) {
        self.keys = keys
        keyIDs = ids
        keysFetchedAt = fetchedAt
    }
}
