import Foundation

/// One appended, hash-chained record of an action on a dossier. Never updated or deleted.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public let dossierID: UUID
    /// 1 for the first entry of a dossier, then consecutive.
    public let sequence: Int
    public let action: String
    public let actorID: String
    public let actorRole: String
    public let actorAgencyID: String?
    /// Millisecond precision: the stored value is what the hash covers.
    public let at: Date
    public let statusBefore: DossierStatus?
    public let statusAfter: DossierStatus
    public let stepBefore: ProcessStep?
    public let stepAfter: ProcessStep
    public let note: String?
    public let previousHash: String
    public let hash: String

    /// Creates the entry and computes its hash from its content and the previous link.
    public init(
        dossierID: UUID, sequence: Int, action: String, actor: Actor, at: Date, statusBefore: DossierStatus?,
        statusAfter: DossierStatus, stepBefore: ProcessStep?, stepAfter: ProcessStep, note: String?,
        previousHash: String
    ) {
        self.init(
            dossierID: dossierID, sequence: sequence, action: action, actorID: actor.id, actorRole: actor.roleName,
            actorAgencyID: actor.agencyID, at: HashChain.truncatedToMilliseconds(at), statusBefore: statusBefore,
            statusAfter: statusAfter, stepBefore: stepBefore, stepAfter: stepAfter, note: note, previousHash: previousHash,
            hash: nil)
    }

    /// Rebuilds a stored entry; `hash` is the stored value, which `HashChain.verify` checks.
    public init(
        dossierID: UUID, sequence: Int, action: String, actorID: String, actorRole: String, actorAgencyID: String?,
        at: Date, statusBefore: DossierStatus?, statusAfter: DossierStatus, stepBefore: ProcessStep?,
        stepAfter: ProcessStep, note: String?, previousHash: String, hash: String?
    ) {
        self.dossierID = dossierID
        self.sequence = sequence
        self.action = action
        self.actorID = actorID
        self.actorRole = actorRole
        self.actorAgencyID = actorAgencyID
        self.at = at
        self.statusBefore = statusBefore
        self.statusAfter = statusAfter
        self.stepBefore = stepBefore
        self.stepAfter = stepAfter
        self.note = note
        self.previousHash = previousHash
        self.hash = hash ?? HashChain.hash(
            dossierID: dossierID, sequence: sequence, action: action, actorID: actorID, actorRole: actorRole,
            actorAgencyID: actorAgencyID, at: at, statusBefore: statusBefore, statusAfter: statusAfter,
            stepBefore: stepBefore, stepAfter: stepAfter, note: note, previousHash: previousHash)
    }

    /// The hash recomputed from the content, to compare with the stored one.
    public var recomputedHash: String {
        HashChain.hash(
            dossierID: dossierID, sequence: sequence, action: action, actorID: actorID, actorRole: actorRole,
            actorAgencyID: actorAgencyID, at: at, statusBefore: statusBefore, statusAfter: statusAfter,
            stepBefore: stepBefore, stepAfter: stepAfter, note: note, previousHash: previousHash)
    }
}
