/// How far a granted operation reaches. Handlers filter what they read and change by it; data outside the
/// scope answers 404 (not 403), so its existence cannot be probed.
public enum AccessScope: Int, Sendable, Hashable, Comparable {
    /// Public information that holds no personal data (catalogue, agencies, the status page, sign-in).
    case publicData
    /// The caller's own person: a citizen's own dossiers, profile and access log; an official's own account.
    case ownPerson
    /// The official's own agency: dossiers it handles or received, its officials, its campaigns.
    case ownAgency
    /// Every agency of the province.
    case province

    public static func < (lhs: AccessScope, rhs: AccessScope) -> Bool { lhs.rawValue < rhs.rawValue }
}
