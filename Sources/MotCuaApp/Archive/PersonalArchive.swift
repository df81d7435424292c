import Foundation
import MotCuaDomain
import MotCuaStorage

/// A person's digital archive: every signed result delivered to them and every document digitised for their
/// dossiers. The citizen reads their own; an official reads it only through a dossier of their agency, and
/// each such view is written to the access log the citizen reads.
struct PersonalArchive: Sendable {
    let reference: ReferenceData
    let dossiers: DossierService
    let results: SQLResultRepository
    let documents: SQLDocumentRepository
    let accessLog: SQLRegistryAccessLog
    let now: @Sendable () -> Date
    /// Civil-status records from legacy paper registers linked to the person.
    var legacyRecords: SQLLegacyRegisterRepository? = nil

    /// One item, whichever kind.
    struct Item: Sendable {
        enum Kind: String, Sendable {
            case result, document
            case civilStatusRecord = "civil_status_record"
        }
        enum State: String, Sendable { case valid, superseded, revoked, expired, stored }
        let kind: Kind
        let id: String
        let type: String
        let nameVi: String
        let nameEn: String
        let issuer: String?
        let date: LocalDate
        let validUntil: LocalDate?
        let state: State
        let dossierCode: String
        let mediaType: String?
        let pages: Int?
        /// Where a civil-status record from a legacy register is written.
        var register: (book: RegisterBookIdentity, page: Int, entry: Int)? = nil
    }

    func items(of person: CitizenID) async throws -> [Item] {
        let calendar = reference.calendar
        let today = calendar.localDate(of: now())
        let signed = try await results.delivered(applicantID: person).compactMap { result -> Item? in
            guard let issuedOn = result.issuedOn else { return nil }
            let spec = reference.resultTypes.spec(result.type)
            let state: Item.State = switch result.verificationStatus(today: today) {
            case .valid: .valid
            case .revoked: .revoked
            case .superseded: .superseded
            case .expired: .expired
            case .unknown: .stored
            }
            return Item(
                kind: .result, id: result.id, type: result.type.rawValue, nameVi: spec?.nameVi ?? result.type.rawValue,
                nameEn: spec?.nameEn ?? result.type.rawValue, issuer: reference.agencies.agency(id: result.agencyID)?.nameVi ?? result.agencyID,
                date: issuedOn, validUntil: result.validUntil, state: state, dossierCode: result.dossierCode, mediaType: nil, pages: nil)
        }
        let scans = try await documents.list(applicantID: person).map { document, procedureCode in
            let component = reference.catalogue.procedure(code: procedureCode)?.components.first { $0.code == document.componentCode }
            let names = (vi: component?.nameVi ?? document.componentCode, en: component?.nameEn ?? document.componentCode)
            return Item(
                kind: .document, id: document.id.lowercasedText, type: document.componentCode, nameVi: names.vi, nameEn: names.en,
                issuer: document.digitisedByKind.rawValue, date: calendar.localDate(of: document.digitisedAt), validUntil: nil, state: .stored,
                dossierCode: document.dossierCode, mediaType: document.mediaType.rawValue, pages: document.pages)
        }
        let legacy = try await legacyRecords?.linkedRecords(of: person).compactMap { linked -> Item? in
            guard let record = linked.entry.record else { return nil }
            let identity = linked.book.identity
            let names = Self.legacyNames[identity.kind]!
            return Item(
                kind: .civilStatusRecord, id: linked.entry.id, type: "legacy_\(identity.kind.rawValue)_record", nameVi: names.vi, nameEn: names.en,
                issuer: reference.agencies.agency(id: identity.agencyID)?.nameVi ?? identity.agencyID, date: record.registrationDate,
                validUntil: nil, state: .valid, dossierCode: "", mediaType: nil, pages: 1,
                register: (identity, linked.entry.page, linked.entry.entry))
        } ?? []
        return (signed + scans + legacy).sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    }

    /// The archive of the applicant of a dossier the official may read; the view is logged before it is answered.
    func itemsThroughDossier(code: String, by caller: Caller, scope: AccessScope) async throws -> [Item] {
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        guard case .official(let principal) = caller else { throw DossierError.notFound(code: code) }
        try await accessLog.record([
            RegistryAccessEntry(
                at: now(), subjectID: dossier.applicantID, registry: nil, fields: [RegistryFields.personalArchive], actorKind: .official,
                actorID: principal.officialID, agencyID: principal.agencyID, purposeKind: .dossier, purposeReference: dossier.code,
                requestID: UUID(), outcome: .found)
        ])
        return try await items(of: dossier.applicantID)
    }

    /// Names of records from legacy registers, by register kind.
    static let legacyNames: [RegisterKind: (vi: String, en: String)] = [
        .birth: ("Bản ghi khai sinh (sổ hộ tịch giấy)", "Birth record (paper civil-status register)"),
        .marriage: ("Bản ghi kết hôn (sổ hộ tịch giấy)", "Marriage record (paper civil-status register)"),
        .death: ("Bản ghi khai tử (sổ hộ tịch giấy)", "Death record (paper civil-status register)"),
    ]
}
