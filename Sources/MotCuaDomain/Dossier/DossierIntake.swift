import Foundation

/// Validates new-dossier requests against the catalogue, the agencies and the actor's rights, and
/// turns them into a `DossierPlan`.
public struct DossierIntake: Sendable {
    public let catalogue: ProcedureCatalogue
    public let agencies: AgencyDirectory
    public let workflow: DossierWorkflow

    public init(catalogue: ProcedureCatalogue, agencies: AgencyDirectory, workflow: DossierWorkflow) {
        self.catalogue = catalogue
        self.agencies = agencies
        self.workflow = workflow
    }

    /// Limits that keep one dossier's row small and predictable.
    public static let maximumFormFields = 200
    public static let maximumFieldLength = 4_000

    /// - Parameter archive: the valid signed results held in the applicant's personal archive, which satisfy the
    ///   components that declare them reusable (the caller looks them up only for such procedures).
    /// - Parameter id: the new dossier's id; by default a time-ordered one (`UUID.timeOrdered(at:)`).
    public func plan(
        _ request: DossierRequest, by actor: Actor, id: UUID? = nil, at now: Date, archive: [ArchivedResult] = []
    ) throws(IntakeError) -> DossierPlan {
        guard let procedure = catalogue.procedure(code: request.procedureCode) else {
            throw IntakeError(field: "procedureCode", "Không có thủ tục mã \(request.procedureCode) / no procedure with code '\(request.procedureCode)' in the catalogue")
        }
        guard let agency = agencies.agency(id: request.agencyID) else {
            throw IntakeError(field: "agencyId", "Không có cơ quan \(request.agencyID) / no agency with id '\(request.agencyID)'")
        }
        let receiving = try receivingAgency(for: procedure, handledBy: agency)
        let applicantID: CitizenID
        do { applicantID = try CitizenID(request.applicantID) } catch {
            throw IntakeError(field: "applicantId", error.description)
        }
        try Self.requirePlainText(request.applicantName, field: "applicant.fullName")
        let name = request.applicantName.nfc
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNumber) else {
            throw IntakeError(field: "applicantName", "Họ tên không hợp lệ / the applicant's full name is required, without digits, at most 200 characters")
        }
        try validate(formData: request.formData)
        let components = try components(for: procedure, supplied: request.components, archive: archive)

        let status: DossierStatus
        let action: String
        switch actor {
        case .official(_, .receptionOfficer, let agencyID):
            guard agencyID == receiving.id else {
                throw IntakeError(
                    field: "agencyId",
                    "Cán bộ một cửa của \(agencyID) không tiếp nhận hồ sơ này / this dossier is received at \(receiving.id), not at \(agencyID)",
                    forbidden: true)
            }
            guard request.channel != .online else {
                throw IntakeError(field: "channel", "Hồ sơ trực tuyến do công dân nộp / online dossiers are submitted by the citizen; use counter or postal")
            }
            status = .received
            action = "receive"
        case .citizen(let citizenID):
            guard citizenID == applicantID else {
                throw IntakeError(field: "applicantId", "Công dân chỉ nộp hồ sơ của chính mình / citizens submit dossiers for themselves only", forbidden: true)
            }
            guard request.channel == .online else {
                throw IntakeError(field: "channel", "Công dân nộp trực tuyến / citizens submit through the online channel")
            }
            status = .submitted
            action = "submit"
        case .official, .system:
            throw IntakeError(field: "actor", "Chỉ cán bộ một cửa tiếp nhận hồ sơ / only reception officers receive dossiers", forbidden: true)
        }

        var template = Dossier(
            id: id ?? .timeOrdered(at: now), code: "", procedureCode: procedure.code, agencyID: agency.id, receivingAgencyID: receiving.id,
            applicantID: applicantID, applicantName: name, channel: request.channel,
            formData: request.formData.reduce(into: [:]) { $0[$1.key] = $1.value.nfc },
            components: components, status: status, step: .receipt,
            submittedAt: HashChain.truncatedToMilliseconds(now))
        if status == .received {
            workflow.startClock(&template, procedure: procedure, at: template.submittedAt)
        }
        return DossierPlan(
            receivingAgency: receiving, codeDate: workflow.calendar.localDate(of: now), template: template, actor: actor,
            action: action, note: request.channel == .counter ? "received at the counter" : "channel " + request.channel.rawValue)
    }

    /// Commune procedures are received by the commune itself; department procedures at the service centre.
    private func receivingAgency(for procedure: Procedure, handledBy agency: Agency) throws(IntakeError) -> Agency {
        switch procedure.level {
        case .commune:
            guard agency.kind == .commune else {
                throw IntakeError(field: "agencyId", "Thủ tục cấp xã phải nộp tại UBND xã/phường / procedure \(procedure.code) is handled by a commune or ward, not by \(agency.id)")
            }
            return agency
        case .department:
            guard agency.id == procedure.department else {
                throw IntakeError(field: "agencyId", "Thủ tục \(procedure.code) do \(procedure.department ?? "?") giải quyết / procedure \(procedure.code) is handled by \(procedure.department ?? "?"), not \(agency.id)")
            }
            guard let centre = agencies.agencies.first(where: { $0.kind == .serviceCentre }) else {
                throw IntakeError(field: "agencyId", "no public administration service centre is configured")
            }
            return centre
        }
    }

    /// Control characters (a NUL above all) are refused: they are cut off or refused by the databases.
    private static func requirePlainText(_ text: String, field: String) throws(IntakeError) {
        if let scalar = TextInput.forbiddenScalar(in: text) {
            throw IntakeError(
                field: field,
                "Có ký tự điều khiển \(TextInput.describe(scalar)) / '\(field)' contains the control character \(TextInput.describe(scalar))")
        }
    }

    private func validate(formData: [String: String]) throws(IntakeError) {
        guard formData.count <= Self.maximumFormFields else {
            throw IntakeError(field: "formData", "at most \(Self.maximumFormFields) fields")
        }
        for (key, value) in formData {
            guard !key.isEmpty, key.count <= 100 else {
                throw IntakeError(field: "formData", "field names are 1–100 characters")
            }
            try Self.requirePlainText(key, field: "formData")
            try Self.requirePlainText(value, field: "formData.\(key)")
            guard value.count <= Self.maximumFieldLength else {
                throw IntakeError(field: "formData.\(key)", "at most \(Self.maximumFieldLength) characters")
            }
        }
    }

    private func components(
        for procedure: Procedure, supplied: [DossierRequest.SuppliedComponent], archive: [ArchivedResult]
    ) throws(IntakeError) -> [DossierComponent] {
        var byCode: [String: DossierRequest.SuppliedComponent] = [:]
        for item in supplied {
            try Self.requirePlainText(item.code, field: "components.code")
            if let reference = item.reference { try Self.requirePlainText(reference, field: "components.reference") }
            guard procedure.components.contains(where: { $0.code == item.code }) else {
                let known = procedure.components.map(\.code).joined(separator: ", ")
                throw IntakeError(field: "components", "Thủ tục không có thành phần \(item.code) / procedure \(procedure.code) has no component '\(item.code)' (it has: \(known))")
            }
            guard byCode.updateValue(item, forKey: item.code) == nil else {
                throw IntakeError(field: "components", "component '\(item.code)' is listed twice")
            }
        }
        var result: [DossierComponent] = []
        for spec in procedure.components {
            let state: DossierComponent.State
            var reference = byCode[spec.code]?.reference
            var reusedItem: ArchivedResult?
            // Once-only, in order: a national database, a valid archived result, and only then what the applicant
            // supplies. A component the applicant hands in anyway is recorded as supplied.
            let reusable = OnceOnly.archiveItem(for: spec, in: archive)
            if byCode[spec.code] != nil {
                state = .provided
            } else if spec.registrySource != nil {
                // The State holds this data: the applicant is not asked for it. If the database turns out not to
                // hold it, the verifier reuses the archived result (`OnceOnly.fallbacks`).
                state = .pendingVerification
            } else if let reusable {
                state = .reused
                reference = reusable.reference
                reusedItem = reusable
            } else if spec.required {
                throw IntakeError(field: "components", "Thiếu thành phần bắt buộc: \(spec.nameVi) / required component '\(spec.code)' (\(spec.nameEn)) is missing")
            } else {
                state = .notApplicable
            }
            result.append(
                DossierComponent(
                    code: spec.code, nameVi: spec.nameVi, nameEn: spec.nameEn, required: spec.required,
                    registrySource: spec.registrySource, state: state, reference: reference, reusedItem: reusedItem))
        }
        return result
    }
}
