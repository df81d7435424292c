import Foundation
import MotCuaDomain

/// A citizen's decision to let someone else see one item of their archive until a time: whoever holds a link
/// (the token itself is never stored, only its SHA-256), or the officials of one agency.
public struct ArchiveShare: Sendable, Hashable {
    /// Who the item is shared with.
    public enum Audience: Sendable, Hashable {
        /// Whoever holds the link whose token hashes to `tokenHash` (hex).
        case link(tokenHash: String)
        /// The officials of an agency.
        case agency(id: String)
    }

    public var id: String
    /// The citizen whose item it is.
    public var subjectID: CitizenID
    /// The archive item: its kind's stored name and identifier.
    public var itemKind: String
    public var itemID: String
    public var audience: Audience
    /// Who the citizen says the share is for ("Ngân hàng ABC"); optional.
    public var label: String?
    public var createdAt: Date
    /// The first instant the share no longer opens.
    public var expiresAt: Date
    public var revokedAt: Date?

    public init(
        id: String = UUID().lowercasedText, subjectID: CitizenID, itemKind: String, itemID: String, audience: Audience,
        label: String?, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.subjectID = subjectID
        self.itemKind = itemKind
        self.itemID = itemID
        self.audience = audience
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the share opens at `instant`.
    public func isActive(at instant: Date) -> Bool {
        revokedAt == nil && instant < expiresAt
    }
}

/// One opening of a shared item, kept with the share (its access count) beside the citizen's access-log entry.
public struct ArchiveShareAccess: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case view, download
    }

    public var id: UUID
    public var shareID: String
    public var at: Date
    public var action: Action
    /// `link` (anyone holding it) or the official's account id.
    public var actorID: String
    public var agencyID: String?

    public init(id: UUID = UUID(), shareID: String, at: Date, action: Action, actorID: String, agencyID: String?) {
        self.id = id
        self.shareID = shareID
        self.at = at
        self.action = action
        self.actorID = actorID
        self.agencyID = agencyID
    }
}
