import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// Sharing archive items: the citizen's shares, the grants an agency received, and the public link.
extension APIImplementation {
    func createArchiveShare(_ input: Operations.CreateArchiveShare.Input) async throws -> Operations.CreateArchiveShare.Output {
        let citizen = try citizen(.createArchiveShare)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        guard let until = LocalDate(iso: body.until) else {
            throw Problem(.badRequest, "invalid", "Ngày không hợp lệ (YYYY-MM-DD) / not a date (YYYY-MM-DD)", field: "until")
        }
        let audience: ArchiveSharing.Audience
        switch (body.audience, body.agencyId) {
        case (.link, nil): audience = .link
        case (.link, .some):
            throw Problem.invalid("Chia sẻ bằng đường liên kết không kèm cơ quan / a link share names no agency", field: "agencyId")
        case (.agency, .some(let agency)): audience = .agency(agency)
        case (.agency, nil): throw Problem.invalid("Chọn cơ quan được chia sẻ / name the agency to share with", field: "agencyId")
        }
        let label = body.label?.trimmingCharacters(in: .whitespaces)
        if label?.isEmpty == true { throw Problem(.badRequest, "invalid", "Tên người nhận trống / the label is blank", field: "label") }
        let created = try await sharing.create(
            kind: ArchiveItem.Kind(body.kind), itemID: body.itemId, audience: audience, until: until, label: label, by: citizen.citizenID)
        let share = Components.Schemas.ArchiveShare(
            ArchiveSharing.Listed(share: created.share, item: created.item, accesses: 0), agencies: reference.agencies, at: now())
        return .created(.init(body: .json(.init(
            share: share, token: created.token, url: created.token.map { auth.configuration.publicBaseURL + "/shared/" + $0 }))))
    }

    func listArchiveShares(_ input: Operations.ListArchiveShares.Input) async throws -> Operations.ListArchiveShares.Output {
        let citizen = try citizen(.listArchiveShares)
        let at = now()
        return .ok(.init(body: .json(try await sharing.list(of: citizen.citizenID).map {
            Components.Schemas.ArchiveShare($0, agencies: reference.agencies, at: at)
        })))
    }

    func revokeArchiveShare(_ input: Operations.RevokeArchiveShare.Input) async throws -> Operations.RevokeArchiveShare.Output {
        let citizen = try citizen(.revokeArchiveShare)
        let revoked = try await sharing.revoke(id: input.path.id, by: citizen.citizenID)
        return .ok(.init(body: .json(.init(revoked, agencies: reference.agencies, at: now()))))
    }

    func listAgencyShares(_ input: Operations.ListAgencyShares.Input) async throws -> Operations.ListAgencyShares.Output {
        let (principal, _) = try official(.listAgencyShares)
        let at = now()
        return .ok(.init(body: .json(try await sharing.grants(to: principal.agencyID).map {
            var share = Components.Schemas.ArchiveShare($0, agencies: reference.agencies, at: at)
            share.accessCount = nil
            return share
        })))
    }

    func openAgencyShare(_ input: Operations.OpenAgencyShare.Input) async throws -> Operations.OpenAgencyShare.Output {
        let (principal, _) = try official(.openAgencyShare)
        let opened = try await sharing.openGrant(id: input.path.id, by: principal, action: .view)
        return .ok(.init(body: .json(.init(opened))))
    }

    func downloadAgencyShare(_ input: Operations.DownloadAgencyShare.Input) async throws -> Operations.DownloadAgencyShare.Output {
        let (principal, _) = try official(.downloadAgencyShare)
        let opened = try await sharing.openGrant(id: input.path.id, by: principal, action: .download)
        let (body, headers) = try await sharedFile(opened)
        switch body {
        case .jose(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .applicationJose(file)))
        case .pdf(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .pdf(file)))
        case .jpeg(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .jpeg(file)))
        case .png(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .png(file)))
        }
    }

    func openSharedLink(_ input: Operations.OpenSharedLink.Input) async throws -> Operations.OpenSharedLink.Output {
        _ = try authorize(.openSharedLink)
        try shareLimiter.admit(AppRequestContext.current?.remoteAddress)
        let opened = try await sharing.openLink(token: input.path.token, action: .view)
        return .ok(.init(body: .json(.init(opened))))
    }

    func downloadSharedLink(_ input: Operations.DownloadSharedLink.Input) async throws -> Operations.DownloadSharedLink.Output {
        _ = try authorize(.downloadSharedLink)
        try shareLimiter.admit(AppRequestContext.current?.remoteAddress)
        let opened = try await sharing.openLink(token: input.path.token, action: .download)
        let (body, headers) = try await sharedFile(opened)
        switch body {
        case .jose(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .applicationJose(file)))
        case .pdf(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .pdf(file)))
        case .jpeg(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .jpeg(file)))
        case .png(let file): return .ok(.init(headers: .init(contentDisposition: headers), body: .png(file)))
        }
    }

    /// A shared item's file in the media type it has.
    enum SharedFile {
        case jose(HTTPBody), pdf(HTTPBody), jpeg(HTTPBody), png(HTTPBody)
    }

    /// The file of an opened share and its `Content-Disposition`.
    func sharedFile(_ opened: ArchiveSharing.Opened) async throws -> (SharedFile, String) {
        let content = try await sharing.content(of: opened)
        if let jws = content.jws { return (.jose(HTTPBody(jws)), "attachment; filename=\"\(opened.fileName)\"") }
        guard let reader = content.reader, let document = opened.document else { throw ArchiveShareError.shareNotFound }
        let file = Self.streamed(reader)
        let disposition = Self.attachment(document)
        switch document.mediaType {
        case .pdf: return (.pdf(file), disposition)
        case .jpeg: return (.jpeg(file), disposition)
        case .png: return (.png(file), disposition)
        }
    }
}

extension Components.Schemas.ArchiveShare {
    init(_ listed: ArchiveSharing.Listed, agencies: AgencyDirectory, at instant: Date) {
        let share = listed.share
        let agencyID: String? = if case .agency(let id) = share.audience { id } else { nil }
        let agency = agencyID.flatMap { agencies.agency(id: $0) }
        let state: Components.Schemas.ArchiveShare.StatePayload = share.revokedAt != nil ? .revoked : (share.isActive(at: instant) ? .active : .expired)
        let item = listed.item.map(Components.Schemas.ArchiveItem.init) ?? .init(
            kind: .init(rawValue: share.itemKind) ?? .document, id: share.itemID, _type: share.itemKind, nameVi: share.itemKind,
            nameEn: share.itemKind, date: "", state: .stored, dossierCode: "")
        self.init(
            id: share.id, item: item, audience: agencyID == nil ? .link : .agency, agencyId: agencyID, agencyNameVi: agency?.nameVi,
            agencyNameEn: agency?.nameEn, label: share.label, createdAt: share.createdAt, expiresAt: share.expiresAt,
            revokedAt: share.revokedAt, state: state, accessCount: listed.accesses)
    }
}

extension Components.Schemas.SharedItem {
    init(_ opened: ArchiveSharing.Opened) {
        let item = opened.item
        let result = opened.result
        self.init(
            kind: .init(rawValue: item.kind.rawValue)!, _type: item.type, nameVi: item.nameVi, nameEn: item.nameEn, issuer: item.issuer,
            date: item.date.description, validUntil: item.validUntil?.description, state: .init(rawValue: item.state.rawValue)!,
            holderName: opened.holderName, signerName: result?.signatory?.name, signerTitle: result?.signatory?.title,
            registerBook: result?.register?.book, registerNumber: result?.register?.number, mediaType: item.mediaType, pages: item.pages,
            label: opened.share.label, sharedUntil: opened.share.expiresAt, fileName: opened.fileName)
    }
}
