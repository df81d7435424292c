/// What public verification says about a result identifier.
public enum VerificationStatus: String, Sendable, Hashable {
    case valid, revoked, superseded, expired, unknown
}
