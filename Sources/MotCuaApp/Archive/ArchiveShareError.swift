import Foundation

/// Why a share of an archive item cannot be made or opened.
enum ArchiveShareError: Error, Sendable, Equatable {
    /// The citizen has no such item (or it is someone else's: the same answer).
    case itemNotFound(kind: String, id: String)
    /// No share with this id or token is visible to the caller.
    case shareNotFound
    /// The share was revoked or has expired.
    case shareEnded(revoked: Bool)
    /// A result that is revoked, superseded or expired is not shared anew.
    case notShareable(state: String)
    /// A kind of item that is not shared (records from legacy registers).
    case notShareableKind(kind: String)
    /// `until` is before today or more than `maximumDays` ahead.
    case untilOutOfRange(maximumDays: Int)
    /// An agency grant without an agency, a link with one, or an agency the directory does not know.
    case agency(String)
}
