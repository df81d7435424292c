import Crypto
import Foundation

/// Keyed protection of the history chains against someone who can write the database: each entry's hash is
/// sealed with HMAC-SHA256 under a key kept outside the database (a file), and chains written before the key
/// existed are anchored once at their head. Whoever rewrites a chain consistently with plain SHA-256 still
/// cannot produce the seals, so `audit verify` with the key finds the rewrite.
public struct HistorySeal: Sendable {
    private let key: SymmetricKey

    /// - Parameter key: at least 32 random bytes.
    public init(key: Data) {
        self.key = SymmetricKey(data: key)
    }

    /// The seal stored beside an entry.
    public func seal(dossierID: UUID, sequence: Int, hash: String) -> String {
        mac("entry", dossierID: dossierID, sequence: sequence, hash: hash)
    }

    /// The seal of an anchor: the head of a chain whose entries predate the key.
    public func anchor(dossierID: UUID, sequence: Int, hash: String) -> String {
        mac("anchor", dossierID: dossierID, sequence: sequence, hash: hash)
    }

    private func mac(_ kind: String, dossierID: UUID, sequence: Int, hash: String) -> String {
        let message = "motcua-history-seal-v1:\(kind):\(dossierID.uuidString.lowercased()):\(sequence):\(hash)"
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
        return Hex.encode(Data(code))
    }

    /// Checks the seals of a chain whose plain hashes already verify (``HashChain/verify(_:dossierID:)``).
    /// Entries without a seal are accepted only before the first sealed one and only when a genuine anchor
    /// covers them; every later entry must carry a genuine seal.
    /// - Parameters:
    ///   - seals: the stored seal of each entry, in sequence order (nil where none is stored).
    ///   - anchor: the latest anchor stored for this dossier, if any.
    public func verify(
        _ entries: [HistoryEntry], seals: [String?], anchor: HistoryAnchor?, dossierID: UUID
    ) -> ChainBreak? {
        let firstSealed = seals.firstIndex { $0 != nil } ?? entries.count
        for index in firstSealed..<entries.count {
            let entry = entries[index]
            guard let stored = seals[index] else {
                return ChainBreak(sequence: entry.sequence, reason: "entry \(entry.sequence) has lost its keyed seal")
            }
            guard stored == seal(dossierID: dossierID, sequence: entry.sequence, hash: entry.hash) else {
                return ChainBreak(sequence: entry.sequence, reason: "keyed seal does not match (history rewritten outside the platform?)")
            }
        }
        guard firstSealed > 0 else { return nil }
        // Entries 1…firstSealed predate the key: an anchor made with the key must vouch for them.
        guard let anchor, anchor.sequence >= firstSealed, anchor.sequence <= entries.count,
            anchor.seal == self.anchor(dossierID: dossierID, sequence: anchor.sequence, hash: anchor.hash),
            entries[anchor.sequence - 1].hash == anchor.hash
        else {
            return ChainBreak(sequence: 1, reason: "entries 1–\(firstSealed) carry no keyed seal and no genuine anchor covers them")
        }
        return nil
    }
}

/// A chain head sealed with the history key when the key was introduced, vouching for the unsealed
/// entries before it.
public struct HistoryAnchor: Sendable, Hashable {
    public let sequence: Int
    public let hash: String
    public let seal: String

    public init(sequence: Int, hash: String, seal: String) {
        self.sequence = sequence
        self.hash = hash
        self.seal = seal
    }
}
