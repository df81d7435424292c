import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage

/// Two-way sharing at the API edge: a steward's `registryUpdate` read into the domain's ``RegistryUpdate``
/// (a precise 422 naming the field otherwise), and update requests shown with their delivery state.
extension RegistryUpdate {
    init(_ input: Components.Schemas.RegistryUpdate) throws {
        func text(_ value: String?, _ field: String) throws -> String {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw Problem.invalid("Thiếu \(field) / registryUpdate of this kind needs '\(field)'", field: "registryUpdate.\(field)")
            }
            return value
        }
        func citizenID(_ value: String?, _ field: String) throws -> CitizenID {
            do { return try CitizenID(try text(value, field)) } catch let error as CitizenIDError {
                throw Problem.invalid(error.description, field: "registryUpdate.\(field)")
            }
        }
        func date(_ value: String?) throws -> LocalDate {
            guard let date = LocalDate(iso: try text(value, "date")) else {
                throw Problem.invalid("Ngày không hợp lệ, dạng YYYY-MM-DD / 'date' must be a date as YYYY-MM-DD", field: "registryUpdate.date")
            }
            return date
        }
        func commune(_ value: String?) throws -> String {
            let code = try text(value, "communeCode")
            guard code.count == 5, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Problem.invalid("Mã xã gồm 5 chữ số / 'communeCode' has 5 digits", field: "registryUpdate.communeCode")
            }
            return code
        }
        switch input.kind {
        case .registerMarriage:
            self = .registerMarriage(
                husband: try citizenID(input.husband, "husband"), wife: try citizenID(input.wife, "wife"), date: try date(input.date),
                communeCode: try commune(input.communeCode))
        case .applyMarriageRegistration:
            self = .applyMarriageRegistration(registrationNumber: try text(input.registrationNumber, "registrationNumber"))
        case .registerDeath:
            self = .registerDeath(try citizenID(input.citizenId, "citizenId"), date: try date(input.date), communeCode: try commune(input.communeCode))
        case .registerDivorce:
            let husband = try citizenID(input.husband, "husband"), wife = try citizenID(input.wife, "wife")
            guard husband != wife else {
                throw Problem.invalid("Hai bên ly hôn phải là hai người khác nhau / 'wife' must be a different person from 'husband'", field: "registryUpdate.wife")
            }
            let decision = try text(input.decision, "decision")
            guard decision.unicodeScalars.count <= 500, TextInput.forbiddenScalar(in: decision) == nil else {
                throw Problem.invalid("Số bản án/quyết định không hợp lệ / 'decision' is at most 500 characters without control characters", field: "registryUpdate.decision")
            }
            self = .registerDivorce(husband: husband, wife: wife, date: try date(input.date), decision: decision, communeCode: try commune(input.communeCode))
        case .updateLandParcel:
            let parcelID = try text(input.parcelId, "parcelId")
            guard LandParcel.idParts(parcelID) != nil else {
                throw Problem.invalid("Mã thửa đất dạng <mã xã>-<tờ bản đồ>-<thửa số> / 'parcelId' is <5-digit commune code>-<map sheet>-<parcel number>", field: "registryUpdate.parcelId")
            }
            if let area = input.areaSquareMetres, !(area > 0 && area < 100_000_000) {
                throw Problem.invalid("Diện tích phải là số dương / 'areaSquareMetres' must be a positive area in m²", field: "registryUpdate.areaSquareMetres")
            }
            self = .updateLandParcel(
                parcelID: parcelID, holder: try citizenID(input.citizenId, "citizenId"), areaSquareMetres: input.areaSquareMetres.map { ($0 * 10).rounded() / 10 },
                use: input.landUse.flatMap { LandParcel.Use(rawValue: $0.rawValue) })
        case .convertLandOwner:
            guard let legacyID = LegacyID(try text(input.legacyId, "legacyId")) else {
                throw Problem.invalid("Số CMND cũ gồm 9 chữ số / 'legacyId' is the old ID of 9 digits", field: "registryUpdate.legacyId")
            }
            self = .convertLandOwner(parcelID: try text(input.parcelId, "parcelId"), legacyID: legacyID)
        case .convertInsuranceHolder:
            self = .convertInsuranceHolder(try citizenID(input.citizenId, "citizenId"))
        }
    }

    /// Refuses (422) a change that does not concern the finding's person: it must name the citizen the finding
    /// linked (and, to update a land parcel, the record's own parcel), or, to convert an old ID, the old ID the
    /// record carried. A marriage registration's number names
    /// no person; the registry checks it against its own records.
    func check(concerns finding: StoredFinding) throws {
        let notThisPerson = Problem.invalid(
            "Thay đổi không liên quan đến người của phát hiện này / the change does not concern this finding's person", field: "registryUpdate")
        let person = finding.citizenID
        switch self {
        case .registerMarriage(let husband, let wife, _, _), .registerDivorce(let husband, let wife, _, _, _):
            guard husband.value == person || wife.value == person else { throw notThisPerson }
        case .registerDeath(let id, _, _), .convertInsuranceHolder(let id):
            guard id.value == person else { throw notThisPerson }
        case .updateLandParcel(let parcelID, let id, _, _):
            guard id.value == person else { throw notThisPerson }
            // The land database makes a new holder the parcel's sole holder (a transfer): a steward may only update
            // the parcel the finding's record describes (a land campaign's record id is its parcel id).
            guard parcelID == finding.sourceRecordID else {
                throw Problem.invalid(
                    "Thửa đất không phải thửa của bản ghi này / 'parcelId' is not the parcel this finding's record describes",
                    field: "registryUpdate.parcelId")
            }
        case .convertLandOwner(_, let legacyID):
            struct Recorded: Decodable { var recordedID: String? }
            let recorded = try? JSONDecoder().decode(Recorded.self, from: Data(finding.payload.utf8)).recordedID
            guard recorded == legacyID.value else {
                throw Problem.invalid(
                    "Số CMND cũ khác với số ghi trong hồ sơ / 'legacyId' is not the old ID this finding's record carries",
                    field: "registryUpdate.legacyId")
            }
        case .applyMarriageRegistration:
            break
        }
    }
}

extension Components.Schemas.RegistryUpdate {
    init(_ update: RegistryUpdate) {
        self.init(kind: .init(rawValue: update.kind.rawValue)!)
        switch update {
        case .registerMarriage(let husband, let wife, let date, let communeCode):
            (self.husband, self.wife, self.date, self.communeCode) = (husband.value, wife.value, date.description, communeCode)
        case .applyMarriageRegistration(let number):
            registrationNumber = number
        case .registerDeath(let id, let date, let communeCode):
            (citizenId, self.date, self.communeCode) = (id.value, date.description, communeCode)
        case .registerDivorce(let husband, let wife, let date, let decision, let communeCode):
            (self.husband, self.wife, self.date, self.decision, self.communeCode) = (husband.value, wife.value, date.description, decision, communeCode)
        case .convertLandOwner(let parcelID, let legacyID):
            (parcelId, legacyId) = (parcelID, legacyID.value)
        case .updateLandParcel(let parcelID, let holder, let area, let use):
            (parcelId, citizenId, areaSquareMetres) = (parcelID, holder.value, area)
            landUse = use.flatMap { LandUsePayload(rawValue: $0.rawValue) }
        case .convertInsuranceHolder(let id):
            citizenId = id.value
        }
    }
}

extension Components.Schemas.RegistryUpdateRequest {
    init(_ request: RegistryUpdateRequest) {
        self.init(
            requestId: request.requestID.lowercasedText, registry: request.registry.rawValue, update: .init(request.update),
            state: .init(rawValue: request.state.rawValue)!, attempts: request.attempts, nextAttemptAt: request.nextAttemptAt,
            createdAt: request.createdAt, updatedAt: request.updatedAt, reference: request.reference, message: request.message,
            lastError: request.lastError)
    }
}
