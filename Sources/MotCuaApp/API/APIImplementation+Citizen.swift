import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage

/// What citizens read about themselves (who used my data), and the public status look-up.
extension APIImplementation {
    func getCitizenMe(_ input: Operations.GetCitizenMe.Input) async throws -> Operations.GetCitizenMe.Output {
        let citizen = try citizen(.getCitizenMe)
        return .ok(.init(body: .json(.init(
            citizenId: citizen.citizenID.value, fullName: citizen.fullName,
            assuranceLevel: citizen.assuranceLevel == 2 ? ._2 : ._1, canSubmitOnline: citizen.assuranceLevel >= 2))))
    }

    func getMyProfile(_ input: Operations.GetMyProfile.Input) async throws -> Operations.GetMyProfile.Output {
        let citizen = try citizen(.getMyProfile)
        let id = citizen.citizenID
        let round = try await registry.lookUp(
            subjects: [id], registries: [.population, .civilStatus], caller: .citizen(agencies: reference.agencies),
            purpose: .init(call: .selfService, kind: .selfService, reference: "self"))
        var profile = try Self.profile(of: id, from: round, presentedName: nil, scan: nil)
        // A self-registered (level 1) account is not proof of who holds it: it reads its own record, but not
        // other people's identifiers (parents, spouse, household head, parties to registrations).
        if citizen.assuranceLevel < 2 { profile.maskOtherPeople(except: id) }
        return .ok(.init(body: .json(profile)))
    }

    func listMyDataAccess(_ input: Operations.ListMyDataAccess.Input) async throws -> Operations.ListMyDataAccess.Output {
        let citizen = try citizen(.listMyDataAccess)
        var query = RegistryAccessQuery(subjectID: citizen.citizenID, limit: input.query.limit ?? 50)
        query.excludeFailed = true
        query.before = try input.query.cursor.map(Self.accessCursor)
        let entries = try await accessLog.search(query)
        var names: [String: Official?] = [:]
        var items: [Components.Schemas.DataAccess] = []
        for entry in entries {
            var official: Official?
            if entry.actorKind == .official {
                if names[entry.actorID] == nil { names[entry.actorID] = .some(try await officials.find(id: entry.actorID)) }
                official = names[entry.actorID] ?? nil
            }
            items.append(describe(entry, official: official))
        }
        return .ok(.init(body: .json(.init(
            items: items, nextCursor: entries.count == query.limit ? entries.last.map(Self.accessCursor) : nil))))
    }

    /// One entry in words a citizen understands: which database, what, who and why.
    func describe(_ entry: RegistryAccessEntry, official: Official?) -> Components.Schemas.DataAccess {
        let agency = entry.agencyID.flatMap { reference.agencies.agency(id: $0) }
        let (whoVi, whoEn): (String, String)
        switch entry.actorKind {
        case .official:
            let role = official.map { Self.roleLabel($0.role) } ?? ("Cán bộ", "official")
            (whoVi, whoEn) = ("\(role.0), \(agency?.nameVi ?? entry.agencyID ?? "")", "\(role.1), \(agency?.nameEn ?? entry.agencyID ?? "")")
        case .citizen:
            (whoVi, whoEn) = ("Bạn", "you")
        case .link:
            (whoVi, whoEn) = ("Đường liên kết: \(entry.actorID.isEmpty ? "(không ghi người nhận)" : entry.actorID)", "link: \(entry.actorID.isEmpty ? "(no recipient named)" : entry.actorID)")
        case .system:
            (whoVi, whoEn) = ("Hệ thống MotCua thay mặt \(agency?.nameVi ?? "cơ quan giải quyết")", "the MotCua system for \(agency?.nameEn ?? "the handling agency")")
        }
        let (purposeVi, purposeEn): (String, String)
        switch entry.purposeKind {
        case .dossier: (purposeVi, purposeEn) = ("Giải quyết hồ sơ \(entry.purposeReference)", "handling dossier \(entry.purposeReference)")
        case .counterLookup: (purposeVi, purposeEn) = ("Tra cứu tại quầy một cửa: \(entry.purposeReference)", "look-up at the one-stop counter: \(entry.purposeReference)")
        case .insuranceCheck: (purposeVi, purposeEn) = ("Kiểm tra thẻ BHYT: \(entry.purposeReference)", "health-insurance check: \(entry.purposeReference)")
        case .bulkJob: (purposeVi, purposeEn) = ("Làm sạch dữ liệu (\(entry.purposeReference))", "data cleaning (\(entry.purposeReference))")
        case .selfService where entry.registry == nil:
            (purposeVi, purposeEn) = ("Bạn tải bản quét của hồ sơ \(entry.purposeReference)", "you downloaded a scan of dossier \(entry.purposeReference)")
        case .selfService: (purposeVi, purposeEn) = ("Bạn tự tra cứu", "your own look-up")
        case .share: (purposeVi, purposeEn) = ("Mở mục bạn đã chia sẻ (\(entry.purposeReference))", "opened an item you shared (\(entry.purposeReference))")
        }
        let fields = entry.fields.map(RegistryFields.describe)
        return .init(
            at: entry.at, registryVi: entry.registry?.nameVi ?? "Kho dữ liệu số hóa của MotCua", registryEn: entry.registry?.nameEn ?? "MotCua's digital archive", fieldsVi: fields.map(\.vi),
            fieldsEn: fields.map(\.en), whoVi: whoVi, whoEn: whoEn, officialName: official?.fullName, purposeVi: purposeVi,
            purposeEn: purposeEn, dossierCode: entry.purposeKind == .dossier ? entry.purposeReference : nil,
            outcome: entry.outcome == .found ? .found : .notFound)
    }

    static func roleLabel(_ role: Role) -> (String, String) {
        switch role {
        case .receptionOfficer: ("Cán bộ tiếp nhận một cửa", "one-stop reception officer")
        case .specialist: ("Chuyên viên", "specialist")
        case .leader: ("Lãnh đạo", "leader")
        case .resultClerk: ("Cán bộ trả kết quả", "result clerk")
        case .agencyAdministrator: ("Quản trị", "administrator")
        case .operationsMonitor: ("Trung tâm điều hành", "operations centre")
        case .dataSteward: ("Cán bộ quản lý dữ liệu", "data steward")
        case .auditor: ("Thanh tra", "auditor")
        }
    }

    func getPublicStatus(_ input: Operations.GetPublicStatus.Input) async throws -> Operations.GetPublicStatus.Output {
        _ = try authorize(.getPublicStatus)
        let code = input.path.code
        let now = now()
        let address = AppRequestContext.current?.remoteAddress ?? "unknown"
        if let wait = statusLimiter.admit(address: address, code: code, at: now) {
            throw Problem(
                .tooManyRequests, "rate-limited",
                "Tra cứu quá nhiều lần, thử lại sau \(wait) giây / too many look-ups; try again in \(wait) seconds",
                headers: [.retryAfter: String(wait)])
        }
        let digits = input.query.idLast4
        guard digits.count == 4, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw Problem.invalid("Nhập đúng 4 chữ số cuối của số định danh / give the last four digits of the applicant's citizen ID", field: "idLast4")
        }
        // A wrong pair answers exactly like an unknown code, so codes cannot be confirmed by guessing.
        guard let dossier = try await service.publicDossier(code: code, idLast4: digits) else {
            statusLimiter.recordFailure(code: code, at: now)
            throw Problem.notFound("Không tìm thấy hồ sơ với mã và 4 số cuối này / no dossier with this code and these four digits")
        }
        let procedure = reference.catalogue.procedure(code: dossier.procedureCode)
        return .ok(.init(body: .json(.init(
            code: dossier.code, procedureCode: dossier.procedureCode, procedureNameVi: procedure?.nameVi ?? dossier.procedureCode,
            procedureNameEn: procedure?.nameEn ?? dossier.procedureCode, status: .init(dossier.status),
            step: .init(rawValue: dossier.step.rawValue)!, receivedAt: dossier.receivedAt, dueAt: dossier.dueAt,
            finishedAt: dossier.finishedAt, overdue: dossier.isOverdue(at: now)))))
    }
}
