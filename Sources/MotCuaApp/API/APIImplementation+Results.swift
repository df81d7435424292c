import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage
import OpenAPIRuntime

/// Electronic results: the worksheet, preparation, signature (one or a batch), revocation, correction,
/// download, printing, the citizen's list and public verification. Who may call each is `AccessPolicy`'s;
/// the service narrows to the granted scope.
extension APIImplementation {
    func getDossierResult(_ input: Operations.GetDossierResult.Input) async throws -> Operations.GetDossierResult.Output {
        let (caller, scope) = try caller(.getDossierResult)
        let worksheet = try await results.worksheet(code: input.path.code, for: caller, scope: scope)
        var body = view(worksheet, for: caller)
        // Officials who may read the dossier see what its result sent to the national registries; the applicant does not.
        if case .official = caller {
            let requests = try await worklist.registryOutbox.requests(originKind: "dossier", references: [input.path.code])[input.path.code] ?? []
            body.registryUpdates = requests.isEmpty ? nil : requests.map(Components.Schemas.RegistryUpdateRequest.init)
        }
        return .ok(.init(body: .json(body)))
    }

    func prepareDossierResult(_ input: Operations.PrepareDossierResult.Input) async throws -> Operations.PrepareDossierResult.Output {
        let (caller, scope) = try caller(.prepareDossierResult)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let worksheet = try await results.prepare(
            code: input.path.code, version: body.version, fields: body.fields.additionalProperties, by: caller, scope: scope)
        return .ok(.init(body: .json(view(worksheet, for: caller))))
    }

    func signDossierResult(_ input: Operations.SignDossierResult.Input) async throws -> Operations.SignDossierResult.Output {
        let (caller, scope) = try caller(.signDossierResult)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let signed = try await results.sign(
            code: input.path.code, version: body.version, note: body.note, overrideReason: body.overrideReason, by: caller, scope: scope)
        return .ok(.init(body: .json(view(signed))))
    }

    func listSigningQueue(_ input: Operations.ListSigningQueue.Input) async throws -> Operations.ListSigningQueue.Output {
        let (caller, _) = try caller(.listSigningQueue)
        let items = try await results.queue(for: caller, limit: input.query.limit ?? 100)
        return .ok(.init(body: .json(.init(items: items.map { item in
            .init(
                dossierCode: item.dossierCode, dossierVersion: item.dossierVersion, procedureCode: item.procedureCode,
                resultId: item.resultID, resultType: .init(item.type), preparedAt: item.preparedAt, dueAt: item.dueAt)
        }))))
    }

    func signResultBatch(_ input: Operations.SignResultBatch.Input) async throws -> Operations.SignResultBatch.Output {
        let (caller, scope) = try caller(.signResultBatch)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let outcome = try await results.signBatch(codes: body.codes, by: caller, scope: scope)
        let refused = outcome.refused.map { code, error in
            let problem = error as? Problem ?? Problem(domain: error) ?? ErrorMappingMiddleware.internalError
            return Components.Schemas.SignBatchOutcome.RefusedPayloadPayload(
                dossierCode: code, status: problem.status.code, detail: problem.detail)
        }
        return .ok(.init(body: .json(.init(signed: outcome.signed.map(view), refused: refused))))
    }

    func getResult(_ input: Operations.GetResult.Input) async throws -> Operations.GetResult.Output {
        let (caller, scope) = try caller(.getResult)
        return .ok(.init(body: .json(view(try await results.result(id: input.path.id, for: caller, scope: scope)))))
    }

    func downloadResult(_ input: Operations.DownloadResult.Input) async throws -> Operations.DownloadResult.Output {
        let (caller, scope) = try caller(.downloadResult)
        let result = try await results.result(id: input.path.id, for: caller, scope: scope)
        guard let jws = result.jws else { throw ResultError.wrongState(id: result.id, state: result.state, wanted: "signed") }
        return .ok(.init(
            headers: .init(contentDisposition: "attachment; filename=\"\(result.id).jws\""),
            body: .applicationJose(HTTPBody(jws))))
    }

    func printResult(_ input: Operations.PrintResult.Input) async throws -> Operations.PrintResult.Output {
        let (caller, scope) = try caller(.printResult)
        let result = try await results.result(id: input.path.id, for: caller, scope: scope)
        guard result.state != .draft, let spec = reference.resultTypes.spec(result.type) else {
            throw ResultError.wrongState(id: result.id, state: result.state, wanted: "signed")
        }
        let html = ResultPrintPage(
            result: result, spec: spec, verifyURL: verifyURL(result.id), stylesheetURL: auth.configuration.publicBaseURL + "/assets/forms.css",
            status: result.verificationStatus(today: results.today),
            agencyName: reference.agencies.agency(id: result.agencyID)?.nameVi ?? result.agencyID
        ).render()
        return .ok(.init(body: .html(HTTPBody(html))))
    }

    func revokeResult(_ input: Operations.RevokeResult.Input) async throws -> Operations.RevokeResult.Output {
        let (caller, scope) = try caller(.revokeResult)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        // Visibility first: outside the caller's scope the result is hidden, whatever the body says.
        _ = try await results.result(id: input.path.id, for: caller, scope: scope)
        let reason = try ResultText.reason(body.reason)
        return .ok(.init(body: .json(view(try await results.revoke(id: input.path.id, reason: reason, by: caller, scope: scope)))))
    }

    func correctResult(_ input: Operations.CorrectResult.Input) async throws -> Operations.CorrectResult.Output {
        let (caller, scope) = try caller(.correctResult)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        _ = try await results.result(id: input.path.id, for: caller, scope: scope)
        let reason = try ResultText.reason(body.reason)
        let corrected = try await results.correct(
            id: input.path.id, fields: body.fields.additionalProperties, reason: reason, by: caller, scope: scope)
        return .ok(.init(body: .json(view(corrected))))
    }

    func listCitizenResults(_ input: Operations.ListCitizenResults.Input) async throws -> Operations.ListCitizenResults.Output {
        let citizen = try citizen(.listCitizenResults)
        return .ok(.init(body: .json(try await results.delivered(to: citizen).map(view))))
    }

    func verifyResult(_ input: Operations.VerifyResult.Input) async throws -> Operations.VerifyResult.Output {
        _ = try authorize(.verifyResult)
        try verificationLimiter.admit(AppRequestContext.current?.remoteAddress)
        guard let result = try await results.verify(id: input.path.id) else {
            throw Problem.notFound("Không tìm thấy kết quả \(input.path.id) / no result \(input.path.id); status: unknown")
        }
        return .ok(.init(body: .json(report(result, signatureChecked: false))))
    }

    func verifyResultFile(_ input: Operations.VerifyResultFile.Input) async throws -> Operations.VerifyResultFile.Output {
        _ = try authorize(.verifyResultFile)
        try verificationLimiter.admit(AppRequestContext.current?.remoteAddress)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let (verified, stored) = try await results.verify(file: body.jws.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let stored else {
            // Signed by our CA but not on record here (another installation, or a deleted database): say so.
            return .ok(.init(body: .json(.init(
                id: verified.record.id, status: .unknown, resultType: .init(verified.record.type),
                issuingAgency: verified.record.issuingAgency.name, signerName: verified.record.signatory.name,
                signerTitle: verified.record.signatory.title, issuedOn: verified.record.issuedOn.description, signatureChecked: true))))
        }
        return .ok(.init(body: .json(report(stored, signatureChecked: true))))
    }

    // MARK: - Mapping

    func verifyURL(_ id: String) -> String { auth.configuration.publicBaseURL + "/verify/" + id }

    private func view(_ worksheet: ResultWorksheet, for caller: Caller) -> Components.Schemas.DossierResult {
        .init(
            dossierCode: worksheet.dossier.code, dossierVersion: worksheet.dossier.version, resultType: .init(worksheet.spec.type),
            nameVi: worksheet.spec.nameVi, nameEn: worksheet.spec.nameEn,
            fields: worksheet.spec.fields.map { field in
                .init(key: field.key, labelVi: field.labelVi, labelEn: field.labelEn, required: field.required, value: worksheet.values[field.key])
            },
            result: worksheet.versions.first.map(view))
    }

    func view(_ result: StoredResult) -> Components.Schemas.Result {
        let spec = reference.resultTypes.spec(result.type)
        return .init(
            id: result.id, dossierCode: result.dossierCode, resultType: .init(result.type), nameVi: spec?.nameVi ?? result.type.rawValue,
            nameEn: spec?.nameEn ?? result.type.rawValue, state: .init(rawValue: result.state.rawValue) ?? .draft, version: result.version,
            supersedes: result.supersedes, supersededBy: result.supersededBy, registerBook: result.register?.book,
            registerNumber: result.register?.number,
            issuingAgency: .init(id: result.agencyID, name: reference.agencies.agency(id: result.agencyID)?.nameVi ?? result.agencyID),
            signer: result.signatory.map { .init(name: $0.name, title: $0.title, officialId: $0.officialID) },
            issuedOn: result.issuedOn?.description, validUntil: result.validUntil?.description, signedAt: result.signedAt,
            certificateSerial: result.certificateSerial, preparedBy: result.preparedBy, preparedAt: result.preparedAt,
            fields: .init(additionalProperties: result.fields), verifications: result.verifications, revokedAt: result.revokedAt,
            revocationReason: result.revocationReason, delivered: result.deliveredAt != nil, paperCopy: result.paperCopy,
            verifyUrl: verifyURL(result.id))
    }

    /// The public report: no ID number, no field values, the holder's name masked.
    func report(_ result: StoredResult, signatureChecked: Bool) -> Components.Schemas.VerificationReport {
        let spec = reference.resultTypes.spec(result.type)
        let status = result.verificationStatus(today: results.today)
        return .init(
            id: result.id, status: .init(rawValue: status.rawValue) ?? .unknown, resultType: .init(result.type), nameVi: spec?.nameVi,
            nameEn: spec?.nameEn, issuingAgency: reference.agencies.agency(id: result.agencyID)?.nameVi ?? result.agencyID,
            signerName: result.signatory?.name, signerTitle: result.signatory?.title, issuedOn: result.issuedOn?.description,
            validUntil: result.validUntil?.description, registerBook: result.register?.book, registerNumber: result.register?.number,
            holder: result.holderMasked, version: result.version, supersededBy: result.supersededBy, revokedAt: result.revokedAt,
            revocationReason: result.revocationReason, signatureChecked: signatureChecked, verifications: result.verifications)
    }
}

extension Components.Schemas.ResultType {
    init(_ type: ResultType) {
        self = .init(rawValue: type.rawValue)!
    }
}

/// Free text given with a result change.
enum ResultText {
    /// A reason: trimmed, NFC, 3–500 characters, no control characters.
    static func reason(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard (3...500).contains(text.count) else {
            throw Problem.invalid("Lý do từ 3 đến 500 ký tự / the reason must have 3 to 500 characters", field: "reason")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem.invalid("Lý do chứa ký tự điều khiển / the reason contains control characters", field: "reason")
        }
        return text
    }
}
