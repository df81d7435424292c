import Crypto
import Foundation

/// Keyed protection of the history chains against someone who can write the database: each entry's hash is
/// sealed with HMAC-SHA256 under a key kept outside the database (a file), and chains written before a key
/// was in use are anchored at their head. Whoever rewrites a chain consistently with plain SHA-256 still
/// cannot produce the seals, so `audit verify` with the key finds the rewrite.
///
/// The keys form a ring: the first seals, all verify. Each seal names its key (`kid:mac`), so a key can be
/// rotated without downtime: a new key goes first, `motcua audit rotate-history-key` anchors every chain head
/// with it, and the old key can then be dropped (see docs/history-integrity.md).
public struct HistorySeal: Sendable {
    /// One key of the ring and its public identifier (never the key itself).
    private struct Key: Sendable {
        let identifier: String
        let key: SymmetricKey
    }

    private let keys: [Key]

    /// - Parameter keys: at least one key of at least 32 random bytes; the first seals.
    public init(keys: [Data]) {
        precondition(!keys.isEmpty, "a history seal needs a key")
        self.keys = keys.map { Key(identifier: Self.identifier(of: $0), key: SymmetricKey(data: $0)) }
    }

    /// A ring of one key.
    public init(key: Data) {
        self.init(keys: [key])
    }

    /// The short, stable identifier of a key: the first six bytes of its SHA-256, in hex.
    public static func identifier(of key: Data) -> String {
        Hex.encode(SHA256.hash(data: key).prefix(6))
    }

    /// The identifier of the key that seals.
    public var sealingKeyIdentifier: String { keys[0].identifier }

    /// The seal stored beside an entry.
    public func seal(dossierID: UUID, sequence: Int, hash: String) -> String {
        mac("entry", dossierID: dossierID, sequence: sequence, hash: hash)
    }

    /// The seal of an anchor: a chain head vouching for the entries up to it.
    public func anchor(dossierID: UUID, sequence: Int, hash: String) -> String {
        mac("anchor", dossierID: dossierID, sequence: sequence, hash: hash)
    }

    /// What a stored seal says, checked against the ring.
    public enum Check: Sendable, Equatable {
        /// Made with a key of the ring.
        case genuine
        /// Made with a key that is not (or no longer) in the ring: it proves nothing either way.
        case unknownKey
        /// Not what the ring's key computes: the sealed data or the seal was changed.
        case forged
    }

    /// Checks an entry's stored seal.
    public func check(entrySeal stored: String, dossierID: UUID, sequence: Int, hash: String) -> Check {
        check(stored, message: Self.message("entry", dossierID: dossierID, sequence: sequence, hash: hash))
    }

    /// Checks an anchor's stored seal.
    public func check(anchor: HistoryAnchor, dossierID: UUID) -> Check {
        check(anchor.seal, message: Self.message("anchor", dossierID: dossierID, sequence: anchor.sequence, hash: anchor.hash))
    }

    /// A keyed code over arbitrary bytes (the checkpoint journal's records), `kid:mac` like the seals.
    public func authenticate(_ data: some DataProtocol) -> String {
        let key = keys[0]
        return key.identifier + ":" + Hex.encode(Data(HMAC<SHA256>.authenticationCode(for: data, using: key.key)))
    }

    /// Checks a code made by ``authenticate(_:)``.
    public func check(code stored: String, over data: some DataProtocol) -> Check {
        check(stored, message: Data(data))
    }

    private func mac(_ kind: String, dossierID: UUID, sequence: Int, hash: String) -> String {
        authenticate(Self.message(kind, dossierID: dossierID, sequence: sequence, hash: hash))
    }

    private static func message(_ kind: String, dossierID: UUID, sequence: Int, hash: String) -> Data {
        Data("motcua-history-seal-v1:\(kind):\(dossierID.lowercasedText):\(sequence):\(hash)".utf8)
    }

    private func check(_ stored: String, message: Data) -> Check {
        let parts = stored.split(separator: ":", maxSplits: 1)
        // Seals written before the ring existed carry no key identifier: any key of the ring may have made them.
        let candidates = parts.count == 2 ? keys.filter { $0.identifier == parts[0] } : keys
        guard !candidates.isEmpty else { return .unknownKey }
        let mac = parts.count == 2 ? String(parts[1]) : stored
        for key in candidates where Hex.encode(Data(HMAC<SHA256>.authenticationCode(for: message, using: key.key))) == mac {
            return .genuine
        }
        return .forged
    }

    /// Checks the seals of a chain whose plain hashes already verify (``HashChain/verify(_:dossierID:)``).
    /// The latest genuine anchor vouches for every entry up to it (its hash is the head the plain chain then
    /// had); every later entry must carry a genuine seal. Anchors made with keys no longer in the ring are
    /// ignored; a forged one is a break.
    /// - Parameters:
    ///   - seals: the stored seal of each entry, in sequence order (nil where none is stored).
    ///   - anchors: the anchors stored for this dossier.
    public func verify(
        _ entries: [HistoryEntry], seals: [String?], anchors: [HistoryAnchor], dossierID: UUID
    ) -> ChainBreak? {
        var vouched = 0
        for anchor in anchors.sorted(by: { $0.sequence > $1.sequence }) {
            switch check(anchor: anchor, dossierID: dossierID) {
            case .forged:
                return ChainBreak(sequence: anchor.sequence, reason: "the anchor of entry \(anchor.sequence) does not match its keyed seal")
            case .unknownKey:
                continue
            case .genuine:
                guard anchor.sequence <= entries.count else {
                    return ChainBreak(
                        sequence: entries.count + 1,
                        reason: "history ends at entry \(entries.count) but an anchor vouches for entry \(anchor.sequence) (entries removed)")
                }
                guard anchor.sequence >= 1, entries[anchor.sequence - 1].hash == anchor.hash else {
                    return ChainBreak(sequence: anchor.sequence, reason: "entry \(anchor.sequence) is not the one its anchor vouches for")
                }
                vouched = max(vouched, anchor.sequence)
            }
        }
        for index in vouched..<entries.count {
            let entry = entries[index]
            guard let stored = seals[index] else {
                return ChainBreak(sequence: entry.sequence, reason: "entry \(entry.sequence) carries no keyed seal and no genuine anchor covers it")
            }
            switch check(entrySeal: stored, dossierID: dossierID, sequence: entry.sequence, hash: entry.hash) {
            case .genuine: continue
            case .unknownKey:
                return ChainBreak(sequence: entry.sequence, reason: "entry \(entry.sequence) is sealed with a key no longer in the ring and no anchor covers it")
            case .forged:
                return ChainBreak(sequence: entry.sequence, reason: "keyed seal does not match (history rewritten outside the platform?)")
            }
        }
        return nil
    }
}

/// A chain head sealed with the history key, vouching for the entries up to it: made when the key was
/// introduced or rotated.
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
