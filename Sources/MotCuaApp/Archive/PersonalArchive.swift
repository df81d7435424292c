import Foundation
import MotCuaDomain
import MotCuaStorage

/// A person's digital archive: every signed result delivered to them and every document digitised for their
/// dossiers, read a page at a time. The citizen reads their own; an official reads it only through a dossier of
/// their agency, and each such view is written to the access log the citizen reads.
struct PersonalArchive: Sendable {
    let reference: ReferenceData
    let dossiers: DossierService
    let accessLog: SQLRegistryAccessLog
    /// One source per kind of item; a page merges their next items in the archive's one order.
    let sources: [any ArchiveSource]
    let now: @Sendable () -> Date

    init(
        reference: ReferenceData, dossiers: DossierService, archive: SQLArchiveRepository, accessLog: SQLRegistryAccessLog,
        legacyRecords: SQLLegacyRegisterRepository? = nil, now: @escaping @Sendable () -> Date
    ) {
        self.reference = reference
        self.dossiers = dossiers
        self.accessLog = accessLog
        var sources: [any ArchiveSource] = [
            ResultArchiveSource(reference: reference, archive: archive), DocumentArchiveSource(reference: reference, archive: archive),
        ]
        if let legacyRecords { sources.append(LegacyRecordArchiveSource(reference: reference, records: legacyRecords)) }
        self.sources = sources
        self.now = now
    }

    /// What a page asks for.
    struct PageRequest: Sendable {
        static let defaultLimit = 50
        static let maximumLimit = 200
        var limit = defaultLimit
        var after: ArchivePosition?
        var kind: ArchiveItem.Kind?
        var state: ArchiveItem.State?
    }

    struct Page: Sendable {
        let items: [ArchiveItem]
        /// Where the next page starts; nil on the last page.
        let next: ArchivePosition?
    }

    var today: LocalDate { reference.calendar.localDate(of: now()) }

    /// One page, newest first: each source reads at most `limit + 1` items after the cursor (so memory is bounded by
    /// the page, never the archive), and the merge keeps the first `limit`.
    func page(of person: CitizenID, _ request: PageRequest) async throws -> Page {
        let limit = max(1, min(request.limit, PageRequest.maximumLimit))
        let today = today
        var merged: [ArchiveItem] = []
        for source in sources where request.kind == nil || request.kind == source.kind {
            merged += try await source.page(of: person, after: request.after, state: request.state, today: today, limit: limit + 1)
        }
        merged.sort { $0.position > $1.position }
        let items = Array(merged.prefix(limit))
        return Page(items: items, next: merged.count > limit ? items.last?.position : nil)
    }

    /// The person's own item; nil when there is none or it is someone else's (the same answer).
    func item(kind: ArchiveItem.Kind, id: String, of person: CitizenID) async throws -> ArchiveItem? {
        guard let source = sources.first(where: { $0.kind == kind }) else { return nil }
        return try await source.item(id: id, of: person, today: today)
    }

    /// A page of the archive of the applicant of a dossier the official may read; the view is logged before it is answered.
    func pageThroughDossier(code: String, _ request: PageRequest, by caller: Caller, scope: AccessScope) async throws -> Page {
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        guard case .official(let principal) = caller else { throw DossierError.notFound(code: code) }
        try await accessLog.record([
            RegistryAccessEntry(
                at: now(), subjectID: dossier.applicantID, registry: nil, fields: [RegistryFields.personalArchive], actorKind: .official,
                actorID: principal.officialID, agencyID: principal.agencyID, purposeKind: .dossier, purposeReference: dossier.code,
                requestID: UUID(), outcome: .found)
        ])
        return try await page(of: dossier.applicantID, request)
    }
}
