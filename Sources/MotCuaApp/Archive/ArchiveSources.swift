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

/// Civil-status records typed from legacy paper registers and linked to the person. A person has a handful at
/// most (the repository reads up to 1,000), so a page filters and orders them in memory.
struct LegacyRecordArchiveSource: ArchiveSource {
    let reference: ReferenceData
    let records: SQLLegacyRegisterRepository
    var kind: ArchiveItem.Kind { .civilStatusRecord }

    func page(of person: CitizenID, after position: ArchivePosition?, state: ArchiveItem.State?, today: LocalDate, limit: Int) async throws
        -> [ArchiveItem]
    {
        // A linked record is in force: it has no other state.
        guard state == nil || state == .valid else { return [] }
        let items = try await records.linkedRecords(of: person).compactMap(item)
        return Array(items.filter { position == nil || $0.position < position! }.sorted { $0.position > $1.position }.prefix(limit))
    }

    func item(id: String, of person: CitizenID, today: LocalDate) async throws -> ArchiveItem? {
        try await records.linkedRecords(of: person).first { $0.entry.id == id }.flatMap(item)
    }

    func item(_ linked: LegacyArchivedRecord) -> ArchiveItem? {
        guard let record = linked.entry.record else { return nil }
        let identity = linked.book.identity
        let names = Self.names[identity.kind] ?? (identity.kind.rawValue, identity.kind.rawValue)
        let at = Int(HashChain.milliseconds(reference.calendar.startOfDay(record.registrationDate)))
        return ArchiveItem(
            kind: .civilStatusRecord, id: linked.entry.id, type: "legacy_\(identity.kind.rawValue)_record", nameVi: names.vi, nameEn: names.en,
            issuer: reference.agencies.agency(id: identity.agencyID)?.nameVi ?? identity.agencyID, date: record.registrationDate,
            validUntil: nil, state: .valid, dossierCode: "", mediaType: nil, pages: 1,
            position: ArchivePosition(at: max(0, at), kind: ArchiveItem.Kind.civilStatusRecord.rawValue, id: linked.entry.id),
            register: (identity, linked.entry.page, linked.entry.entry))
    }

    /// Names of records from legacy registers, by register kind.
    static let names: [RegisterKind: (vi: String, en: String)] = [
        .birth: ("Bản ghi khai sinh (sổ hộ tịch giấy)", "Birth record (paper civil-status register)"),
        .marriage: ("Bản ghi kết hôn (sổ hộ tịch giấy)", "Marriage record (paper civil-status register)"),
        .death: ("Bản ghi khai tử (sổ hộ tịch giấy)", "Death record (paper civil-status register)"),
    ]
}
