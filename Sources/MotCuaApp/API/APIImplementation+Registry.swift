import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MotCuaAPI
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage
import OpenAPIRuntime

/// Scan-to-profile, health-insurance status and the access-log search: everything that shows a person's
/// national data to an official, always with a logged purpose.
extension APIImplementation {
    func lookUpProfile(_ input: Operations.LookUpProfile.Input) async throws -> Operations.LookUpProfile.Output {
        let (principal, _) = try official(.lookUpProfile)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let scanned: ChipCardQR?
        let id: CitizenID
        switch (body.qr, body.citizenId) {
        case (let qr?, nil):
            do { scanned = try ChipCardQR.parse(qr, today: reference.calendar.localDate(of: now())) } catch {
                throw Problem.invalid(error.description, field: "qr")
            }
            id = scanned!.citizenID
        case (nil, let raw?):
            scanned = nil
            do { id = try CitizenID(raw.trimmingCharacters(in: .whitespaces)) } catch { throw Problem.invalid(error.description, field: "citizenId") }
        default:
            throw Problem.invalid("Gửi chuỗi QR hoặc số định danh, không gửi cả hai / send either the scanned QR text or a citizen ID, not both", field: "qr")
        }
        let purpose = try await lookUpPurpose(
            LookUpPurpose(rawValue: body.purpose.rawValue), dossierCode: body.dossierCode, note: body.note, subject: id, by: principal)
        let round = try await registry.lookUp(
            subjects: [id], registries: [.population, .civilStatus], caller: .official(principal, agencies: reference.agencies),
            purpose: purpose)
        return .ok(.init(body: .json(try Self.profile(of: id, from: round, presentedName: scanned?.fullName, scan: scanned))))
    }

    /// The person's profile from a round of population and civil-status look-ups; 503 if the population
    /// database did not answer, 404 if it has no such person.
    static func profile(
        of id: CitizenID, from round: RegistryGateway.Round, presentedName: String?, scan: ChipCardQR?
    ) throws -> Components.Schemas.PersonProfile {
        let evidence = round.evidence
        guard evidence.answered.contains(.population) else { throw unavailable(round) }
        guard let person = evidence.people[id] else {
            throw Problem.notFound("Không tìm thấy công dân có số định danh này trong CSDLQG về dân cư / no person with this citizen ID in the national population database")
        }
        return .init(
            person, civilStatus: evidence.civilStatus[id] ?? [],
            flags: RegistryVerification.discrepancies(subjects: [id], applicantName: presentedName ?? person.fullName, evidence: evidence),
            unavailable: evidence.answered.contains(.civilStatus) ? [] : [.civilStatus], scan: scan.map { compare($0, with: person) },
            requestID: round.entries.first?.requestID.lowercasedText ?? "", fetchedAt: evidence.fetchedAt)
    }

    func getInsuranceStatus(_ input: Operations.GetInsuranceStatus.Input) async throws -> Operations.GetInsuranceStatus.Output {
        let (principal, _) = try official(.getInsuranceStatus)
        let id: CitizenID
        do { id = try CitizenID(input.path.citizenId) } catch { throw Problem.invalid(error.description, field: "citizenId") }
        let purpose = try await lookUpPurpose(
            LookUpPurpose(rawValue: input.query.purpose.rawValue), dossierCode: input.query.dossierCode, note: input.query.note,
            subject: id, by: principal)
        let round = try await registry.lookUp(
            subjects: [id], registries: [.socialInsurance], caller: .official(principal, agencies: reference.agencies),
            purpose: purpose)
        guard round.evidence.answered.contains(.socialInsurance) else { throw Self.unavailable(round) }
        let requestID = round.entries.first?.requestID.lowercasedText ?? ""
        guard let record = round.evidence.insurance[id] else {
            return .ok(.init(body: .json(.init(citizenId: id.value, status: .notFound, requestId: requestID))))
        }
        let today = reference.calendar.localDate(of: now())
        return .ok(.init(body: .json(.init(
            citizenId: id.value, status: record.isValid(on: today) ? .valid : .expired,
            socialInsuranceNumber: record.socialInsuranceNumber, validFrom: Self.day(record.validFrom),
            validUntil: Self.day(record.validUntil), clinicName: record.clinicName, clinicCode: record.clinicCode,
            benefitLevel: record.benefitLevel, requestId: requestID))))
    }

    func searchAccessLog(_ input: Operations.SearchAccessLog.Input) async throws -> Operations.SearchAccessLog.Output {
        let (principal, scope) = try official(.searchAccessLog)
        let q = input.query
        // An agency's auditor searches only that agency's look-ups; provincial inspectors the whole province.
        if scope < .province, let agency = q.agency, agency != principal.agencyID {
            throw Problem.forbidden("Chỉ tra cứu được nhật ký của cơ quan mình / you may search only your own agency's look-ups")
        }
        var query = RegistryAccessQuery(
            actorID: q.actor, agencyID: scope < .province ? principal.agencyID : q.agency, registry: q.registry.flatMap { RegistrySource(rawValue: $0.rawValue) },
            purposeReference: q.purpose, from: q.from, until: q.until, limit: q.limit ?? 50)
        query.documentsOnly = q.registry == .documentArchive
        if let subject = q.subject {
            do { query.subjectID = try CitizenID(subject) } catch { throw Problem.invalid(error.description, field: "subject") }
        }
        query.before = try q.cursor.map(Self.accessCursor)
        let entries = try await accessLog.search(query)
        return .ok(.init(body: .json(.init(
            items: entries.map(Components.Schemas.AccessLogEntry.init),
            nextCursor: entries.count == query.limit ? entries.last.map(Self.accessCursor) : nil))))
    }

    // MARK: - Helpers

    /// Checks the stated purpose of an official's look-up and counts it against their quota: a counter purpose
    /// their role may state, or a dossier of their agency that is open and names the person. Returns what the
    /// access log and the registry request carry.
    func lookUpPurpose(
        _ purpose: LookUpPurpose?, dossierCode: String?, note: String?, subject: CitizenID, by principal: Principal
    ) async throws -> RegistryGateway.Purpose {
        guard let purpose else {
            throw Problem.invalid("Mục đích tra cứu không có trong danh mục / the purpose is not one of the listed purposes", field: "purpose")
        }
        guard purpose.roles.contains(principal.role) else {
            throw Problem.forbidden(
                "Mục đích '\(purpose.rawValue)' không dành cho vai trò của bạn / the purpose '\(purpose.rawValue)' is for "
                    + purpose.roles.map(\.rawValue).sorted().joined(separator: ", ") + "; tie the look-up to a dossier you handle")
        }
        let detail = try note.map { try Self.note($0) }
        let result: RegistryGateway.Purpose
        switch purpose {
        case .dossier:
            guard let code = dossierCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
                throw Problem.invalid("Tra cứu cho hồ sơ cần mã hồ sơ / a dossier look-up needs 'dossierCode'", field: "dossierCode")
            }
            let dossier = try await service.visibleDossier(code: code, for: .official(principal), scope: .ownAgency)
            guard LookUpPurpose.fits(dossier, subject: subject) else {
                throw Problem.invalid(
                    "Hồ sơ đã đóng hoặc không nêu người này / the dossier is closed or does not name this person; look up only the people a dossier names",
                    field: "dossierCode")
            }
            result = .dossier(dossier.code)
        case .counterBeforeReceipt:
            let reference = detail ?? "trước khi tiếp nhận / before receipt"
            result = .init(call: .counterLookup(note: reference), kind: .counterLookup, reference: reference)
        case .insuranceCheck:
            let reference = detail ?? "kiểm tra thẻ BHYT / card check"
            result = .init(call: .insuranceCheck(note: reference), kind: .insuranceCheck, reference: reference)
        }
        do {
            try lookUpQuota.admit(principal.officialID, at: now())
        } catch {
            // Auditors watch these: an official hitting the quota is either very busy or scraping.
            AppRequestContext.current?.logger.warning(
                "National-data look-up quota reached",
                metadata: ["official": "\(principal.officialID)", "agency": "\(principal.agencyID)", "window": "\(error.window.rawValue)"])
            throw Problem(
                .tooManyRequests, "look-up-quota",
                "Bạn đã tra cứu quá số lần cho phép, thử lại sau \(error.retryAfterSeconds) giây / you reached your look-up quota per \(error.window.rawValue); try again in \(error.retryAfterSeconds) seconds",
                headers: [.retryAfter: String(error.retryAfterSeconds)])
        }
        return result
    }

    /// The optional detail of a purpose: NFC, whitespace collapsed, no control characters, 3–200 characters.
    static func note(_ raw: String) throws -> String {
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem.invalid("Ghi chú có ký tự điều khiển / the note contains control characters", field: "note")
        }
        let text = raw.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard (3...200).contains(text.count) else {
            throw Problem.invalid("Ghi chú 3–200 ký tự / the note must have 3–200 characters", field: "note")
        }
        return text
    }

    static func unavailable(_ round: RegistryGateway.Round) -> Problem {
        let reasons = Set(round.failures.map { $0.registry.nameVi }).sorted().joined(separator: ", ")
        return Problem(
            .serviceUnavailable, "registry-unavailable",
            "\(reasons) tạm thời không trả lời, vui lòng thử lại / the national database is not answering at the moment; try again shortly",
            headers: [.retryAfter: "5"])
    }

    static func day(_ date: LocalDate) -> String { date.description }

    /// How the card's printed data differ from the register (a stale card, a typo, a forged card).
    static func compare(_ card: ChipCardQR, with person: PopulationRecord) -> Components.Schemas.ScanCheck {
        var differences: [String] = []
        if VietnameseName(card.fullName).matchingKey != VietnameseName(person.fullName).matchingKey {
            differences.append("Họ tên trên thẻ: \(card.fullName); trong CSDL: \(person.fullName) / name on the card differs from the register")
        }
        if card.dateOfBirth != person.dateOfBirth {
            differences.append("Ngày sinh trên thẻ \(card.dateOfBirth.vietnamese), trong CSDL \(person.dateOfBirth.vietnamese) / date of birth differs")
        }
        if card.sex != person.sex { differences.append("Giới tính khác / sex differs") }
        if let legacy = card.legacyID, legacy != person.legacyID {
            differences.append("Số CMND cũ trên thẻ khác với CSDL / the old ID on the card differs from the register")
        }
        return .init(matchesRegister: differences.isEmpty, differences: differences)
    }

    static func accessCursor(_ entry: RegistryAccessEntry) -> String {
        "\(HashChain.milliseconds(entry.at)).\(entry.id.lowercasedText)"
    }

    static func accessCursor(_ token: String) throws -> (at: Date, id: String) {
        let parts = token.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let ms = Int64(parts[0]), UUID(uuidString: String(parts[1])) != nil else {
            throw Problem.invalid("Con trỏ phân trang không hợp lệ / the cursor is not one this API issued", field: "cursor")
        }
        return (Date(timeIntervalSince1970: Double(ms) / 1000), String(parts[1]))
    }
}
