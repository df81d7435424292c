import Foundation
import MotCuaDomain

/// Every revocation known at one moment, which signing and verification consult: certificates by serial,
/// results by identifier. Callers load it from storage; the signing library does no I/O of its own.
public struct RevocationSnapshot: Sendable, Hashable {
    public let certificates: [String: CertificateRevocation]
    public let results: [String: ResultRevocation]

    public init(certificates: [CertificateRevocation] = [], results: [ResultRevocation] = []) {
        // The earliest revocation wins if a list names a certificate or result twice.
        self.certificates = Dictionary(certificates.map { ($0.serialHex, $0) }) { $0.revokedAt <= $1.revokedAt ? $0 : $1 }
        self.results = Dictionary(results.map { ($0.resultID, $0) }) { $0.revokedAt <= $1.revokedAt ? $0 : $1 }
    }

    public static let none = RevocationSnapshot()
}

extension RevocationSnapshot {
    /// The revocation that makes a signature by certificate `serialHex` made at `signingTime` invalid: one
    /// that took effect at or before that time, or any revocation for a compromised key.
    public func certificateRevocation(serialHex: String, signingTime: Date) -> CertificateRevocation? {
        guard let revocation = certificates[serialHex.lowercased()] else { return nil }
        return revocation.reason.compromisesKey || revocation.revokedAt <= signingTime ? revocation : nil
    }
}
