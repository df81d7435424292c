import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The personal digital archive: the citizen's own, and an official's logged view through a dossier.
extension APIImplementation {
    func listCitizenArchive(_ input: Operations.ListCitizenArchive.Input) async throws -> Operations.ListCitizenArchive.Output {
        let citizen = try citizen(.listCitizenArchive)
        let q = input.query
        let page = try await archive.page(of: citizen.citizenID, try Self.archiveRequest(limit: q.limit, cursor: q.cursor, kind: q.kind, state: q.state))
        return .ok(.init(body: .json(.init(page))))
    }

    func listApplicantArchive(_ input: Operations.ListApplicantArchive.Input) async throws -> Operations.ListApplicantArchive.Output {
        let (caller, scope) = try caller(.listApplicantArchive)
        let q = input.query
        let request = try Self.archiveRequest(limit: q.limit, cursor: q.cursor, kind: q.kind, state: q.state)
        let page = try await archive.pageThroughDossier(code: input.path.code, request, by: caller, scope: scope)
        return .ok(.init(body: .json(.init(page))))
    }

    func getCitizenArchiveItem(_ input: Operations.GetCitizenArchiveItem.Input) async throws -> Operations.GetCitizenArchiveItem.Output {
        let citizen = try citizen(.getCitizenArchiveItem)
        let kind = ArchiveItem.Kind(input.path.kind)
        guard let item = try await archive.item(kind: kind, id: input.path.id, of: citizen.citizenID) else {
            throw ArchiveShareError.itemNotFound(kind: kind.rawValue, id: input.path.id)
        }
        return .ok(.init(body: .json(.init(item))))
    }

    /// The page a query asks for; a cursor this server did not hand out is refused, naming the field.
    static func archiveRequest(
        limit: Int?, cursor: String?, kind: Components.Schemas.ArchiveItemKind?, state: Components.Schemas.ArchiveItemState?
    ) throws -> PersonalArchive.PageRequest {
        var request = PersonalArchive.PageRequest()
        request.limit = limit ?? PersonalArchive.PageRequest.defaultLimit
        if let cursor {
            guard let position = ArchivePosition(cursor: cursor) else {
                throw Problem(.badRequest, "invalid-cursor", "Con trỏ trang không hợp lệ / the cursor is not one this archive handed out", field: "cursor")
            }
            request.after = position
        }
        request.kind = kind.map(ArchiveItem.Kind.init)
        request.state = state.flatMap { ArchiveItem.State(rawValue: $0.rawValue) }
        return request
    }
}

extension ArchiveItem.Kind {
    init(_ kind: Components.Schemas.ArchiveItemKind) {
        switch kind {
        case .result: self = .result
        case .document: self = .document
        case .civilStatusRecord: self = .civilStatusRecord
        }
    }
}

extension Components.Schemas.ArchivePage {
    init(_ page: PersonalArchive.Page) {
        self.init(items: page.items.map(Components.Schemas.ArchiveItem.init), nextCursor: page.next?.cursor)
    }
}

extension Components.Schemas.ArchiveItem {
    init(_ item: ArchiveItem) {
        self.init(
            kind: .init(rawValue: item.kind.rawValue)!, id: item.id, _type: item.type, nameVi: item.nameVi, nameEn: item.nameEn,
            issuer: item.issuer, date: item.date.description, validUntil: item.validUntil?.description,
            state: .init(rawValue: item.state.rawValue)!, dossierCode: item.dossierCode, mediaType: item.mediaType, pages: item.pages,
            register: item.register.map { location in
                .init(
                    commune: location.book.agencyID, kind: location.book.kind.rawValue, book: location.book.book, volume: location.book.volume,
                    year: location.book.year, page: location.page, entry: location.entry)
            })
    }
}
