import Foundation
import MotCuaAPI
import MotCuaDomain
import OpenAPIRuntime

/// The personal digital archive: the citizen's own, and an official's logged view through a dossier.
extension APIImplementation {
    func listCitizenArchive(_ input: Operations.ListCitizenArchive.Input) async throws -> Operations.ListCitizenArchive.Output {
        let citizen = try citizen(.listCitizenArchive)
        return .ok(.init(body: .json(try await archive.items(of: citizen.citizenID).map(Components.Schemas.ArchiveItem.init))))
    }

    func listApplicantArchive(_ input: Operations.ListApplicantArchive.Input) async throws -> Operations.ListApplicantArchive.Output {
        let (caller, scope) = try caller(.listApplicantArchive)
        let items = try await archive.itemsThroughDossier(code: input.path.code, by: caller, scope: scope)
        return .ok(.init(body: .json(items.map(Components.Schemas.ArchiveItem.init))))
    }
}

extension Components.Schemas.ArchiveItem {
    init(_ item: PersonalArchive.Item) {
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
