/// Why a dossier use case did not happen, in the domain's terms; the HTTP edge turns each case into problem
/// details (status, slug, Vietnamese and English text).
public enum DossierError: Error, Sendable, Hashable {
    /// No such dossier within the caller's scope (other agencies' and other people's dossiers look the same).
    case notFound(code: String)
    /// The dossier changed between reading and writing it.
    case concurrentChange
    /// The idempotency key was used before with a different request.
    case idempotencyKeyReused
    /// A retry with the same key committed first, but its stored answer cannot be read back.
    case replayUnavailable
    /// The receiving unit has used every number of this series today.
    case dailyCapacity(DossierNumberingSeries, retryAfterSeconds: Int)
    /// The citizen account has submitted its quota of online dossiers today.
    case submissionQuota(perDay: Int, retryAfterSeconds: Int)
    /// A listing asked for an agency that does not exist.
    case unknownAgency(String)
    /// A listing asked for another agency's dossiers without a province-wide grant.
    case agencyOutsideScope
}
