import Crypto
import Foundation
import MotCuaDomain
import MotCuaStorage

/// A citizen's shares of their own archive items: with whoever holds a link (a 256-bit token kept only as its
/// SHA-256) or with an agency's officials, until a day; revocable at any time. Every opening through a share is
/// written, in the same transaction as the share's access count, to the access log the citizen reads.
struct ArchiveSharing: Sendable {
    let reference: ReferenceData
    let archive: PersonalArchive
    let items: SQLArchiveRepository
    let shares: SQLArchiveShareRepository
    let blobs: any BlobStore
    let now: @Sendable () -> Date

    /// The farthest end date, in days from today.
    static let maximumDays = 90
    /// Random bytes in a link token (256 bits, above the 128 the threat model needs).
    static let tokenBytes = 32

    enum Audience: Sendable, Equatable {
        case link
        case agency(String)
    }

    /// A share with the item it opens (nil if the item is no longer in the archive) and how often it was opened.
    struct Listed: Sendable {
        let share: ArchiveShare
        let item: ArchiveItem?
        let accesses: Int
    }

    /// An item opened through a share, with what its recipient may see and download.
    struct Opened: Sendable {
        let share: ArchiveShare
        let item: ArchiveItem
        let result: StoredResult?
        let document: DigitisedDocument?
        /// The holder's full name as the result states it (the citizen chose to share it).
        var holderName: String? {
            guard let result, let spec = reference.resultTypes.spec(result.type) else { return nil }
            return result.fields[spec.holderField]
        }
        let reference: ReferenceData
        var fileName: String {
            switch item.kind {
            case .result: "\(item.id).jws"
            case .document: "\(item.type)-\(item.id.prefix(8)).\(document?.mediaType.fileExtension ?? "bin")"
            case .civilStatusRecord: "\(item.type)-\(item.id.prefix(8)).png"
            }
        }
    }

    static func hash(token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    /// Shares one of the citizen's own items; answers the share and, for a link, the token (shown once).
    func create(
        kind: ArchiveItem.Kind, itemID: String, audience: Audience, until: LocalDate, label: String?, by citizen: CitizenID
    ) async throws -> (share: ArchiveShare, token: String?, item: ArchiveItem) {
        let at = now()
        let today = reference.calendar.localDate(of: at)
        // Someone else's item answers like a missing one, whatever else is wrong with the request.
        guard let item = try await archive.item(kind: kind, id: itemID, of: citizen) else {
            throw ArchiveShareError.itemNotFound(kind: kind.rawValue, id: itemID)
        }
        guard until >= today, today.days(to: until) <= Self.maximumDays else { throw ArchiveShareError.untilOutOfRange(maximumDays: Self.maximumDays) }
        // A result no longer in force is not handed to anyone new (a document has no such state).
        if item.kind == .result && item.state != .valid { throw ArchiveShareError.notShareable(state: item.state.rawValue) }
        // A record typed from a paper register is evidence for the State's own use, not a document the citizen hands on.
        if item.kind == .civilStatusRecord { throw ArchiveShareError.notShareableKind(kind: item.kind.rawValue) }
        var token: String?
        let stored: ArchiveShare.Audience
        switch audience {
        case .link:
            let fresh = Base64URL.randomToken(bytes: Self.tokenBytes)
            token = fresh
            stored = .link(tokenHash: Self.hash(token: fresh))
        case .agency(let id):
            guard reference.agencies.agency(id: id) != nil else {
                throw ArchiveShareError.agency("Không có cơ quan \(id) / no agency \(id) in the directory")
            }
            stored = .agency(id: id)
        }
        // The share ends at the midnight (Vietnam time) that closes its last day.
        let expiresAt = WorkingCalendar.startOfDay(containing: at).addingTimeInterval(Double(today.days(to: until) + 1) * 86_400)
        let share = ArchiveShare(
            subjectID: citizen, itemKind: item.kind.rawValue, itemID: item.id, audience: stored, label: label, createdAt: at, expiresAt: expiresAt)
        try await shares.create(share)
        return (share, token, item)
    }

    /// The citizen's shares, newest first.
    func list(of citizen: CitizenID) async throws -> [Listed] {
        var listed: [Listed] = []
        for (share, accesses) in try await shares.list(subjectID: citizen) {
            listed.append(Listed(share: share, item: try await item(of: share), accesses: accesses))
        }
        return listed
    }

    /// Ends one of the citizen's shares; someone else's answers like a missing one.
    func revoke(id: String, by citizen: CitizenID) async throws -> Listed {
        guard let share = try await shares.revoke(id: id, subjectID: citizen, at: now()) else { throw ArchiveShareError.shareNotFound }
        return Listed(share: share, item: try await item(of: share), accesses: try await shares.accessCount(shareID: share.id))
    }

    /// The open grants to the official's agency.
    func grants(to agencyID: String) async throws -> [Listed] {
        var listed: [Listed] = []
        for share in try await shares.active(agencyID: agencyID, at: now()) {
            listed.append(Listed(share: share, item: try await item(of: share), accesses: 0))
        }
        return listed
    }

    /// Opens a link; an unknown token is 404, a revoked or expired share 410. The opening is logged first.
    func openLink(token: String, action: ArchiveShareAccess.Action) async throws -> Opened {
        // Looked up by the token's hash: the database never holds, and so never compares, the token itself.
        guard let share = try await shares.find(tokenHash: Self.hash(token: token)), case .link = share.audience else {
            throw ArchiveShareError.shareNotFound
        }
        return try await open(share, action: action, actorKind: .link, actorID: share.label ?? "", agencyID: nil)
    }

    /// Opens a grant to the official's agency; another agency's grant is 404, a revoked or expired one 410.
    func openGrant(id: String, by principal: Principal, action: ArchiveShareAccess.Action) async throws -> Opened {
        guard let share = try await shares.find(id: id), case .agency(let agency) = share.audience, agency == principal.agencyID else {
            throw ArchiveShareError.shareNotFound
        }
        return try await open(share, action: action, actorKind: .official, actorID: principal.officialID, agencyID: principal.agencyID)
    }

    private func open(
        _ share: ArchiveShare, action: ArchiveShareAccess.Action, actorKind: RegistryAccessEntry.ActorKind, actorID: String, agencyID: String?
    ) async throws -> Opened {
        let at = now()
        guard share.isActive(at: at) else { throw ArchiveShareError.shareEnded(revoked: share.revokedAt != nil) }
        guard let kind = ArchiveItem.Kind(rawValue: share.itemKind), let item = try await archive.item(kind: kind, id: share.itemID, of: share.subjectID)
        else { throw ArchiveShareError.shareNotFound }
        var result: StoredResult?
        var document: DigitisedDocument?
        switch kind {
        case .result: result = try await items.result(id: item.id, of: share.subjectID)
        case .document: document = try await items.document(id: item.id, of: share.subjectID)?.document
        case .civilStatusRecord: throw ArchiveShareError.shareNotFound
        }
        let entry = RegistryAccessEntry(
            at: at, subjectID: share.subjectID, registry: nil, fields: [RegistryFields.shared(kind)], actorKind: actorKind, actorID: actorID,
            agencyID: agencyID, purposeKind: .share, purposeReference: "\(kind.rawValue)/\(item.id)", requestID: UUID(), outcome: .found)
        let access = ArchiveShareAccess(
            shareID: share.id, at: at, action: action, actorID: actorKind == .link ? "link" : actorID, agencyID: agencyID)
        try await shares.record(access, log: entry)
        return Opened(share: share, item: item, result: result, document: document, reference: reference)
    }

    /// The content of an opened item: the signed result's compact JWS, or a reader of the scan's bytes.
    func content(of opened: Opened) async throws -> (jws: String?, reader: (any BlobReader)?) {
        if let jws = opened.result?.jws { return (jws, nil) }
        guard let document = opened.document else { throw ArchiveShareError.shareNotFound }
        guard let reader = try await blobs.open(document.digest) else {
            throw BlobStoreError(operation: "open", path: document.digest.hex, code: ENOENT)
        }
        return (nil, reader)
    }

    private func item(of share: ArchiveShare) async throws -> ArchiveItem? {
        guard let kind = ArchiveItem.Kind(rawValue: share.itemKind) else { return nil }
        return try await archive.item(kind: kind, id: share.itemID, of: share.subjectID)
    }
}
