import Foundation
import MotCuaDomain

/// An imported register book.
public struct LegacyBook: Sendable, Hashable {
    public let id: String
    public let identity: RegisterBookIdentity
    public let contentSHA256: String
    public let pages: Int
    public let entries: Int
    public let importedBy: String
    public let importedAt: Date
}

/// A scanned page to store with its book: the content is already in the blob store under `digest`.
public struct LegacyPageImport: Sendable, Hashable {
    public let number: Int
    public let digest: BlobDigest
    public let inspection: DocumentInspection
    public let entries: Int

    public init(number: Int, digest: BlobDigest, inspection: DocumentInspection, entries: Int) {
        self.number = number
        self.digest = digest
        self.inspection = inspection
        self.entries = entries
    }
}

/// A stored page image: where its content is and what it is.
public struct LegacyPageImage: Sendable, Hashable {
    public let bookID: String
    public let number: Int
    public let digest: BlobDigest
    public let mediaType: DocumentMediaType
    public let size: Int
}

/// The data-entry state of one entry slot.
public enum LegacyEntryState: String, Sendable, Hashable, Codable {
    /// Nobody has typed it yet.
    case open
    /// An officer took it and is typing it.
    case claimed
    /// Typed, waiting for a second officer.
    case entered
    /// Sent back by the verifier, with a reason, to the officer who typed it.
    case returned
    /// Accepted by a second officer.
    case verified
}

/// Whether a verified record has been linked to its person.
public enum LegacyLinkState: String, Sendable, Hashable, Codable {
    case none, linked, review, rejected
}

/// One entry slot of a book, with what has been typed and decided about it.
public struct LegacyEntry: Sendable, Hashable {
    public let id: String
    public let bookID: String
    public let agencyID: String
    public let page: Int
    public let entry: Int
    public let state: LegacyEntryState
    public let version: Int
    public let claimedBy: String?
    public let enteredBy: String?
    public let record: LegacyRecord?
    public let returnReason: String?
    public let verifiedBy: String?
    public let linkState: LegacyLinkState
    public let citizenID: String?
    public let candidateID: String?
    public let score: Double?
}

/// One step in an entry's log.
public struct LegacyEntryEvent: Sendable, Hashable {
    public let seq: Int
    public let action: String
    public let actorID: String
    public let at: Date
    public let note: String?
}

/// How far a book is: slots typed, verified, linked and waiting for a steward.
public struct LegacyBookProgress: Sendable, Hashable {
    public let book: LegacyBook
    public var entered = 0
    public var verified = 0
    public var linked = 0
    public var inReview = 0
}

/// A linked record with its book, for the person's archive.
public struct LegacyArchivedRecord: Sendable, Hashable {
    public let entry: LegacyEntry
    public let book: LegacyBook
}

/// A link decided by the reconciliation engine for a verified record.
public struct LegacyLinkDecision: Sendable, Hashable {
    public let entryID: String
    /// `linked` (automatic) or `review`.
    public let state: LegacyLinkState
    public let citizenID: String?
    public let score: Double?

    public init(entryID: String, state: LegacyLinkState, citizenID: String?, score: Double?) {
        self.entryID = entryID
        self.state = state
        self.citizenID = citizenID
        self.score = score
    }
}
