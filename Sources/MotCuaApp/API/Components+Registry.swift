import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage

extension Components.Schemas.PersonProfile {
    init(
        _ p: PopulationRecord, civilStatus: [CivilStatusRegistration], flags: [DossierFlag], unavailable: [RegistrySource],
        scan: Components.Schemas.ScanCheck?, requestID: String, fetchedAt: Date
    ) {
        self.init(
            citizenId: p.citizenID.value, legacyId: p.legacyID?.value, fullName: p.fullName, sex: .init(rawValue: p.sex.rawValue)!,
            dateOfBirth: p.dateOfBirth.description, birthplace: p.birthplace, nativePlace: p.nativePlace,
            permanentAddress: .init(communeCode: p.permanentAddress.communeCode, text: p.permanentAddress.text),
            currentAddress: .init(communeCode: p.currentAddress.communeCode, text: p.currentAddress.text),
            maritalStatus: .init(rawValue: p.maritalStatus.rawValue)!, maritalStatusVi: p.maritalStatus.nameVi,
            spouseId: p.spouseID?.value, fatherId: p.fatherID?.value, motherId: p.motherID?.value, householdId: p.householdID,
            householdHeadId: p.householdHeadID.value, deceasedOn: p.deceasedOn?.description,
            civilStatus: civilStatus.map {
                .init(
                    kind: .init(rawValue: $0.kind.rawValue)!, registrationNumber: $0.registrationNumber, date: $0.date.description,
                    communeCode: $0.communeCode,
                    parties: $0.parties.map { .init(role: $0.role.rawValue, citizenId: $0.citizenID.value) })
            },
            flags: flags.map(Components.Schemas.DossierFlag.init),
            unavailable: unavailable.isEmpty ? nil : unavailable.map { .init(rawValue: $0.rawValue)! }, scan: scan,
            requestId: requestID, fetchedAt: fetchedAt)
    }
}

extension Components.Schemas.PersonProfile {
    /// Replaces every citizen ID other than `own` by its masked form (first three and last four digits).
    mutating func maskOtherPeople(except own: CitizenID) {
        func mask(_ raw: String?) -> String? {
            guard let raw, raw != own.value else { return raw }
            return (try? CitizenID(raw))?.masked ?? "************"
        }
        spouseId = mask(spouseId)
        fatherId = mask(fatherId)
        motherId = mask(motherId)
        householdHeadId = mask(householdHeadId) ?? householdHeadId
        for index in civilStatus.indices {
            for party in civilStatus[index].parties.indices {
                civilStatus[index].parties[party].citizenId = mask(civilStatus[index].parties[party].citizenId) ?? ""
            }
        }
    }
}

extension Components.Schemas.AccessLogEntry {
    init(_ e: RegistryAccessEntry) {
        self.init(
            id: e.id.lowercasedText, at: e.at, subject: e.subjectID.value, registry: .init(rawValue: e.registry?.rawValue ?? RegistryAccessEntry.documentArchive)!,
            fields: e.fields, actorKind: .init(rawValue: e.actorKind.rawValue)!, actorId: e.actorID, agencyId: e.agencyID,
            purposeKind: .init(rawValue: e.purposeKind.rawValue)!, purposeReference: e.purposeReference,
            requestId: e.requestID.lowercasedText, outcome: .init(rawValue: e.outcome.rawValue)!)
    }
}
