import Crypto
import Foundation

/// SHA-256 hash chain over a dossier's history: each entry's hash covers its content and the previous hash,
/// so changing, removing or reordering any entry breaks every later link.
public enum HashChain {
    /// The first entry of a dossier links to this value, derived from the dossier id.
    public static func genesis(for dossierID: UUID) -> String {
        hex(SHA256.hash(data: Data(("motcua-history-v1:" + dossierID.lowercasedText).utf8)))
    }

    /// Dates are hashed and stored as whole milliseconds (rounded to nearest, so a stored value read back as a
    /// `Double` maps to the same integer), and both databases give back exactly what was hashed.
    public static func truncatedToMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func hash(
        dossierID: UUID, sequence: Int, action: String, actorID: String, actorRole: String, actorAgencyID: String?,
        at: Date, statusBefore: DossierStatus?, statusAfter: DossierStatus, stepBefore: ProcessStep?,
        stepAfter: ProcessStep, note: String?, previousHash: String
    ) -> String {
        // Fields are length-prefixed so that no two different entries serialise to the same bytes.
        var canonical = ""
        for field in [
            "v1", dossierID.lowercasedText, String(sequence), action, actorID, actorRole, actorAgencyID ?? "",
            String(milliseconds(at)), statusBefore.map { String($0.rawValue) } ?? "", String(statusAfter.rawValue),
            stepBefore?.rawValue ?? "", stepAfter.rawValue, note ?? "", previousHash,
        ] {
            canonical += String(field.utf8.count) + ":" + field + ";"
        }
        return hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// Checks one dossier's entries, in sequence order, and returns the first broken link.
    public static func verify(_ entries: [HistoryEntry], dossierID: UUID) -> ChainBreak? {
        var expectedPrevious = genesis(for: dossierID)
        for (offset, entry) in entries.enumerated() {
            if entry.sequence != offset + 1 {
                return ChainBreak(sequence: offset + 1, reason: "entry \(offset + 1) is missing (found \(entry.sequence))")
            }
            if entry.previousHash != expectedPrevious {
                return ChainBreak(sequence: entry.sequence, reason: "previous-hash link does not match entry \(entry.sequence - 1)")
            }
            if entry.recomputedHash != entry.hash {
                return ChainBreak(sequence: entry.sequence, reason: "content does not match its hash")
            }
            expectedPrevious = entry.hash
        }
        return nil
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        Hex.encode(digest)
    }
}

/// The first place where a history chain does not verify.
public struct ChainBreak: Sendable, Hashable {
    public let sequence: Int
    public let reason: String

    public init(sequence: Int, reason: String) {
        self.sequence = sequence
        self.reason = reason
    }
}
