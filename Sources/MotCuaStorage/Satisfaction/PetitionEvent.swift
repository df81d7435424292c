import Foundation

/// One step in a petition's history (append-only): who did what, when, from which status to which.
public struct PetitionEvent: Sendable, Hashable {
    public let seq: Int
    public let action: String
    public let actorID: String
    public let actorRole: String
    public let at: Date
    public let statusBefore: String?
    public let statusAfter: String
    public let note: String?

    public init(seq: Int, action: String, actorID: String, actorRole: String, at: Date, statusBefore: String?, statusAfter: String, note: String?) {
        self.seq = seq
        self.action = action
        self.actorID = actorID
        self.actorRole = actorRole
        self.at = at
        self.statusBefore = statusBefore
        self.statusAfter = statusAfter
        self.note = note
    }
}
