/// Where a version of a result stands. Only a signed version is legally valid; a revoked or superseded one
/// stays on record and verification says which it is.
public enum ResultState: String, Sendable, Codable, Hashable, CaseIterable {
    /// Prepared by the specialist, not yet signed.
    case draft
    case signed
    case revoked
    /// Replaced by a corrected version.
    case superseded
}
