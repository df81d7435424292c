import Foundation

/// The revocation of one signing certificate, as listed in the CRL.
public struct CertificateRevocation: Sendable, Codable, Hashable {
    /// Lowercase hexadecimal serial number (``X509/Certificate/serialHex``).
    public let serialHex: String
    public let reason: CertificateRevocationReason
    public let revokedAt: Date

    public init(serialHex: String, reason: CertificateRevocationReason, revokedAt: Date) {
        self.serialHex = serialHex.lowercased()
        self.reason = reason
        self.revokedAt = revokedAt
    }
}
