/// Why a signing certificate was revoked: the CRLReason codes of RFC 5280 §5.3.1 that apply to the
/// platform's end-entity certificates. `certificateHold` (6) and `removeFromCRL` (8) are left out because the
/// platform never suspends a certificate (a revocation is final), and `aACompromise` (10) concerns attribute
/// authorities only.
public enum CertificateRevocationReason: Int, Sendable, Codable, Hashable, CaseIterable {
    case unspecified = 0
    case keyCompromise = 1
    case cACompromise = 2
    case affiliationChanged = 3
    case superseded = 4
    case cessationOfOperation = 5
    case privilegeWithdrawn = 9

    /// Whether the key itself can no longer be trusted, so that even signatures claiming an earlier signing
    /// time are refused (the signing time is stated by the signer and a thief could back-date it).
    public var compromisesKey: Bool { self == .keyCompromise || self == .cACompromise }
}
