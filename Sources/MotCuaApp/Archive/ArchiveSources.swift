import Foundation
import MotCuaDomain
import MotCuaStorage

/// The signed results delivered to the person.
struct ResultArchiveSource: ArchiveSource {
    let reference: ReferenceData
    let archive: SQLArchiveRepository
    var kind: ArchiveItem.Kind { .result }

    func page(of person: CitizenID, after position: ArchivePosition?, state: ArchiveItem.State?, today: LocalDate, limit: Int) async throws
        -> [ArchiveItem]
    {
        let filter: SQLArchiveRepository.ResultStateFilter?
        switch state {
        case nil: filter = nil
        case .stored: return []
        case .valid: filter = .valid
        case .expired: filter = .expired
        case .revoked: filter = .revoked
        case .superseded: filter = .superseded
        }
        return try await archive.results(of: person, after: position, state: filter, today: today, limit: limit)
            .compactMap { item($0, today: today) }
    }

    func item(id: String, of person: CitizenID, today: LocalDate) async throws -> ArchiveItem? {
        try await archive.result(id: id, of: person).flatMap { item($0, today: today) }
    }

    func item(_ result: StoredResult, today: LocalDate) -> ArchiveItem? {
        guard let issuedOn = result.issuedOn else { return nil }
        let spec = reference.resultTypes.spec(result.type)
        return ArchiveItem(
            kind: .result, id: result.id, type: result.type.rawValue, nameVi: spec?.nameVi ?? result.type.rawValue,
            nameEn: spec?.nameEn ?? result.type.rawValue, issuer: reference.agencies.agency(id: result.agencyID)?.nameVi ?? result.agencyID,
            date: issuedOn, validUntil: result.validUntil, state: Self.state(of: result, today: today), dossierCode: result.dossierCode,
            mediaType: nil, pages: nil, position: SQLArchiveRepository.position(of: result))
    }

    static func state(of result: StoredResult, today: LocalDate) -> ArchiveItem.State {
        switch result.verificationStatus(today: today) {
        case .valid: .valid
        case .revoked: .revoked
        case .superseded: .superseded
        case .expired: .expired
        case .unknown: .stored
        }
    }
}

/// The documents digitised for the person's dossiers.
struct DocumentArchiveSource: ArchiveSource {
    let reference: ReferenceData
    let archive: SQLArchiveRepository
    var kind: ArchiveItem.Kind { .document }

    func page(of person: CitizenID, after position: ArchivePosition?, state: ArchiveItem.State?, today: LocalDate, limit: Int) async throws
        -> [ArchiveItem]
    {
        guard state == nil || state == .stored else { return [] }
        return try await archive.documents(of: person, after: position, limit: limit).map { item($0.document, procedureCode: $0.procedureCode) }
    }

    func item(id: String, of person: CitizenID, today: LocalDate) async throws -> ArchiveItem? {
        try await archive.document(id: id, of: person).map { item($0.document, procedureCode: $0.procedureCode) }
    }

    func item(_ document: DigitisedDocument, procedureCode: String) -> ArchiveItem {
        let component = reference.catalogue.procedure(code: procedureCode)?.components.first { $0.code == document.componentCode }
        return ArchiveItem(
            kind: .document, id: document.id.lowercasedText, type: document.componentCode,
            nameVi: component?.nameVi ?? document.componentCode, nameEn: component?.nameEn ?? document.componentCode,
            issuer: document.digitisedByKind.rawValue, date: reference.calendar.localDate(of: document.digitisedAt), validUntil: nil,
            state: .stored, dossierCode: document.dossierCode, mediaType: document.mediaType.rawValue, pages: document.pages,
            position: SQLArchiveRepository.position(of: document))
    }
}
