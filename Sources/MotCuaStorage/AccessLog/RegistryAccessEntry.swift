import Foundation
import MotCuaDomain

/// One look-up at a person's data in a national database, as the access log keeps it.
public struct RegistryAccessEntry: Sendable, Hashable {
    /// Who asked.
    public enum ActorKind: String, Sendable, Hashable {
        case official, citizen, system
        /// Whoever holds a link the person shared an archive item with (`actorID` is the person's label for it).
        case link
    }

    /// Why.
    public enum PurposeKind: String, Sendable, Hashable, CaseIterable {
        /// Handling a dossier (`purposeReference` is its code).
        case dossier
        /// Identifying a person at the counter before receipt (`purposeReference` says for what).
        case counterLookup = "counter_lookup"
        /// Checking health-insurance status.
        case insuranceCheck = "insurance_check"
        /// A bulk job such as a reconciliation campaign (`purposeReference` is its id).
        case bulkJob = "bulk_job"
        /// The person looking at their own data.
        case selfService = "self_service"
        /// Opening an archive item the person shared (`purposeReference` is `<kind>/<id>` of the item).
        case share
    }

    /// What came of it.
    public enum Outcome: String, Sendable, Hashable {
        /// Data was returned.
        case found
        /// The database has no record of the person: nothing was returned.
        case notFound = "not_found"
        /// The database could not answer: nothing was returned.
        case failed
    }

    public var id: UUID
    public var at: Date
    /// The person whose data was looked at.
    public var subjectID: CitizenID
    /// The national database looked at; nil when a scanned document of the person's dossier was read from the
    /// platform's own archive (stored as ``documentArchive``).
    public var registry: RegistrySource?
    /// Which fields, e.g. "identity, residence, marital status".
    public var fields: [String]
    public var actorKind: ActorKind
    /// Official account, "citizen" or the system job's name.
    public var actorID: String
    public var agencyID: String?
    public var purposeKind: PurposeKind
    public var purposeReference: String
    /// The X-Road request id sent to the database, to trace a call on both sides.
    public var requestID: UUID
    public var outcome: Outcome

    /// The stored name of the platform's archive of scanned documents, in place of a national database's.
    public static let documentArchive = "document_archive"

    public init(
        id: UUID = UUID(), at: Date, subjectID: CitizenID, registry: RegistrySource?, fields: [String], actorKind: ActorKind,
        actorID: String, agencyID: String?, purposeKind: PurposeKind, purposeReference: String, requestID: UUID, outcome: Outcome
    ) {
        self.id = id
        self.at = at
        self.subjectID = subjectID
        self.registry = registry
        self.fields = fields
        self.actorKind = actorKind
        self.actorID = actorID
        self.agencyID = agencyID
        self.purposeKind = purposeKind
        self.purposeReference = purposeReference
        self.requestID = requestID
        self.outcome = outcome
    }
}

/// A search of the access log; every criterion is optional, results are newest first.
public struct RegistryAccessQuery: Sendable {
    public var subjectID: CitizenID?
    public var actorID: String?
    public var agencyID: String?
    public var registry: RegistrySource?
    /// Only reads of scanned documents (the registry criterion is then ignored).
    public var documentsOnly = false
    public var purposeReference: String?
    public var from: Date?
    public var until: Date?
    /// Keyset cursor: entries strictly older than this (at, id).
    public var before: (at: Date, id: String)?
    /// Leave out look-ups the database could not answer (nothing was disclosed), as the person's own view does.
    public var excludeFailed = false
    /// Entries per page, 1…``maximumLimit``. Clamped when set, so a caller comparing a page's size with it to
    /// decide whether to hand out a cursor compares with what the search really used.
    public var limit: Int {
        didSet { limit = Self.clamp(limit) }
    }
    public static let maximumLimit = 500

    static func clamp(_ limit: Int) -> Int { max(1, min(limit, maximumLimit)) }

    public init(
        subjectID: CitizenID? = nil, actorID: String? = nil, agencyID: String? = nil, registry: RegistrySource? = nil,
        purposeReference: String? = nil, from: Date? = nil, until: Date? = nil, before: (at: Date, id: String)? = nil,
        limit: Int = 50
    ) {
        self.subjectID = subjectID
        self.actorID = actorID
        self.agencyID = agencyID
        self.registry = registry
        self.purposeReference = purposeReference
        self.from = from
        self.until = until
        self.before = before
        self.limit = Self.clamp(limit)
    }
}
