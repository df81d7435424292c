import Foundation
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage

/// Use cases on electronic results: preparation by the specialist, signature by the leader (one at a time or a
/// batch), revocation, correction, delivery to the applicant and public verification. The dossier's history
/// records each step in the same transaction as the result's change.
struct ResultService: Sendable {
    let reference: ReferenceData
    let dossiers: DossierService
    let repository: SQLDossierRepository
    let results: SQLResultRepository
    let officials: SQLOfficialRepository
    let signing: SigningAuthority
    let workflow: DossierWorkflow
    let verifications: VerificationCounter
    /// In the demo a leader without a certificate gets one from the demo CA at the first signature; in
    /// production certificates are issued by the CA administrator (`motcua signing issue`).
    let issuesCertificatesOnDemand: Bool
    let now: @Sendable () -> Date
    private let issuance = SerialRunner()

    // MARK: Preparation

    func worksheet(code: String, for caller: Caller, scope: AccessScope) async throws -> ResultWorksheet {
        let dossier = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        let spec = try spec(for: dossier)
        let versions = try await results.versions(dossierCode: code)
        if case .citizen = caller, !versions.contains(where: { $0.deliveredAt != nil }) {
            throw ResultError.notDelivered(id: code)
        }
        let values = versions.first.map(\.fields) ?? ResultWorksheet.prefill(spec, from: dossier)
        return ResultWorksheet(dossier: dossier, spec: spec, values: values, versions: versions)
    }

    func prepare(code: String, version: Int, fields: [String: String], by caller: Caller, scope: AccessScope) async throws -> ResultWorksheet {
        let seen = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        let spec = try spec(for: seen)
        let checked: [String: String]
        do {
            checked = try spec.validated(fields)
        } catch {
            throw ResultError.invalidFields(error)
        }
        let holder = HolderName.masked(checked[spec.holderField] ?? "")
        let actor = caller.actor
        let now = now()
        let workflow = workflow
        let catalogue = reference.catalogue
        let (dossier, _) = try await translatingConflicts(code) {
            try await repository.transition(code: code, idempotency: nil) { current, database in
                let previous = try await SQLResultRepository.versions(dossierCode: code, on: database)
                let id = ResultIdentifier.make()
                let (next, entry) = try workflow.apply(
                    .prepareResult(resultID: id), to: current, procedure: try Self.procedure(current, catalogue), by: actor,
                    expectedVersion: version, at: now)
                // A dossier's result is prepared once and signed once; corrections go through `correct`.
                if let signed = previous.first(where: { $0.state != .draft }) {
                    throw ResultError.wrongState(id: signed.id, state: signed.state, wanted: "no signed version yet")
                }
                let draft = StoredResult(
                    id: id, dossierCode: code, type: spec.type, agencyID: current.agencyID, version: 1, supersedes: nil, fields: checked,
                    preparedBy: actor.id, preparedAt: now, holderMasked: holder)
                try await SQLResultRepository.saveDraft(draft, on: database)
                return (next, entry, ())
            }
        }
        return ResultWorksheet(dossier: dossier, spec: spec, values: checked, versions: try await results.versions(dossierCode: code))
    }

    // MARK: Signature

    /// Signs the dossier's prepared result and closes the signature step, in one transaction.
    func sign(code: String, version: Int?, note: String?, overrideReason: String?, by caller: Caller, scope: AccessScope) async throws -> StoredResult {
        guard case .official(let principal) = caller else { throw ResultError.noCertificate(officialID: "") }
        let seen = try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        let spec = try spec(for: seen)
        let signer = try await signerContext(principal, agencyID: seen.agencyID)
        let now = now()
        let workflow = workflow
        let catalogue = reference.catalogue
        let calendar = reference.calendar
        let agencies = reference.agencies
        let authority = signing
        let actor = caller.actor
        return try await translatingConflicts(code) {
            try await repository.transition(code: code, idempotency: nil) { current, database in
                guard let draft = try await SQLResultRepository.versions(dossierCode: code, on: database).first(where: { $0.state == .draft }) else {
                    throw ResultError.notPrepared(code: code)
                }
                let (next, entry) = try workflow.apply(
                    .approveForSignature(note: note, overrideReason: overrideReason, resultID: draft.id), to: current,
                    procedure: try Self.procedure(current, catalogue), by: actor, expectedVersion: version ?? current.version, at: now)
                let issuedOn = calendar.localDate(of: now)
                var register: ResultRegisterEntry?
                if let book = spec.registerBook(for: issuedOn) {
                    let number = try await SQLResultRepository.nextRegisterNumber(agencyID: current.agencyID, book: book, on: database)
                    register = ResultRegisterEntry(book: book, number: String(number))
                }
                var signed = draft
                try Self.sign(&signed, register: register, issuedOn: issuedOn, validUntil: spec.validUntil(issuedOn: issuedOn), signer: signer,
                    authority: authority, at: now)
                guard try await SQLResultRepository.markSigned(signed, on: database) else {
                    throw ResultError.wrongState(id: draft.id, state: .signed, wanted: "draft")
                }
                // Two-way sharing: a registered marriage or death goes to the national databases, queued with the
                // signature (one transaction) and delivered in the background.
                if let update = RegistryUpdate.sharing(
                    resultType: signed.type, fields: signed.fields, issuedOn: issuedOn, communeCode: agencies.agency(id: current.agencyID)?.administrativeCode)
                {
                    try await SQLRegistryOutbox.enqueue(
                        update, origin: .dossier(code: code), agencyID: current.agencyID, requestedBy: principal.officialID, at: now, on: database)
                }
                return (next, entry, signed)
            }
        }.value
    }

    /// Signs each dossier on its own (one refusal does not stop the others); a few run at once so their commits
    /// share the database's group commit.
    func signBatch(codes: [String], by caller: Caller, scope: AccessScope) async throws -> (signed: [StoredResult], refused: [(code: String, error: any Error)]) {
        var signed: [StoredResult] = []
        var refused: [(code: String, error: any Error)] = []
        let unique = Array(NSOrderedSet(array: codes).array as! [String])
        try await withThrowingTaskGroup(of: (String, Result<StoredResult, any Error>).self) { group in
            var next = 0
            func add() {
                guard next < unique.count else { return }
                let code = unique[next]
                next += 1
                group.addTask {
                    do {
                        return (code, .success(try await sign(code: code, version: nil, note: nil, overrideReason: nil, by: caller, scope: scope)))
                    } catch {
                        return (code, .failure(error))
                    }
                }
            }
            for _ in 0..<8 { add() }
            while let (code, outcome) = try await group.next() {
                switch outcome {
                case .success(let result): signed.append(result)
                case .failure(let error): refused.append((code, error))
                }
                add()
            }
        }
        let order = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })
        return (signed.sorted { order[$0.dossierCode]! < order[$1.dossierCode]! }, refused.sorted { order[$0.code]! < order[$1.code]! })
    }

    func queue(for caller: Caller, limit: Int) async throws -> [SigningQueueItem] {
        guard case .official(let principal) = caller else { return [] }
        return try await results.signingQueue(agencyID: principal.agencyID, limit: limit)
    }

    // MARK: Signed results

    /// A result within the caller's scope: officials who may read its dossier; the applicant once delivered.
    func result(id: String, for caller: Caller, scope: AccessScope) async throws -> StoredResult {
        guard let result = try await results.find(id: id) else { throw ResultError.notFound(id: id) }
        do {
            _ = try await dossiers.visibleDossier(code: result.dossierCode, for: caller, scope: scope)
        } catch DossierError.notFound {
            throw ResultError.notFound(id: id)
        }
        if case .citizen = caller, result.deliveredAt == nil || result.state == .draft { throw ResultError.notFound(id: id) }
        return result
    }

    func revoke(id: String, reason: String, by caller: Caller, scope: AccessScope) async throws -> StoredResult {
        let result = try await result(id: id, for: caller, scope: scope)
        guard result.state == .signed else { throw ResultError.wrongState(id: id, state: result.state, wanted: "signed") }
        let actor = caller.actor
        let now = now()
        let workflow = workflow
        let catalogue = reference.catalogue
        _ = try await translatingConflicts(result.dossierCode) {
            try await repository.transition(code: result.dossierCode, idempotency: nil) { current, database in
                let (next, entry) = try workflow.apply(
                    .revokeResult(resultID: id, reason: reason), to: current, procedure: try Self.procedure(current, catalogue), by: actor,
                    expectedVersion: current.version, at: now)
                guard try await SQLResultRepository.revoke(id: id, reason: reason, by: actor.id, at: now, on: database) else {
                    throw ResultError.wrongState(id: id, state: .revoked, wanted: "signed")
                }
                return (next, entry, ())
            }
        }
        return try await results.find(id: id) ?? result
    }

    /// Issues and signs a corrected version that supersedes `id`; the register entry stays the same.
    func correct(id: String, fields: [String: String], reason: String, by caller: Caller, scope: AccessScope) async throws -> StoredResult {
        guard case .official(let principal) = caller else { throw ResultError.notFound(id: id) }
        let old = try await result(id: id, for: caller, scope: scope)
        guard old.state == .signed else { throw ResultError.wrongState(id: id, state: old.state, wanted: "signed") }
        guard let spec = reference.resultTypes.spec(old.type) else { throw ResultError.notFound(id: id) }
        let checked: [String: String]
        do {
            checked = try spec.validated(fields)
        } catch {
            throw ResultError.invalidFields(error)
        }
        let signer = try await signerContext(principal, agencyID: old.agencyID)
        let actor = caller.actor
        let now = now()
        let workflow = workflow
        let catalogue = reference.catalogue
        let calendar = reference.calendar
        let authority = signing
        return try await translatingConflicts(old.dossierCode) {
            try await repository.transition(code: old.dossierCode, idempotency: nil) { current, database in
                let newID = ResultIdentifier.make()
                let (next, entry) = try workflow.apply(
                    .correctResult(resultID: id, correctedBy: newID, reason: reason), to: current,
                    procedure: try Self.procedure(current, catalogue), by: actor, expectedVersion: current.version, at: now)
                var corrected = StoredResult(
                    id: newID, dossierCode: old.dossierCode, type: old.type, agencyID: old.agencyID, version: old.version + 1,
                    supersedes: old.id, fields: checked, preparedBy: actor.id, preparedAt: now,
                    holderMasked: HolderName.masked(checked[spec.holderField] ?? ""))
                let issuedOn = calendar.localDate(of: now)
                try Self.sign(&corrected, register: old.register, issuedOn: issuedOn, validUntil: spec.validUntil(issuedOn: issuedOn),
                    signer: signer, authority: authority, at: now)
                // The applicant who had the old version gets the new one the same way.
                corrected.deliveredAt = old.deliveredAt == nil ? nil : now
                corrected.paperCopy = old.paperCopy
                guard try await SQLResultRepository.supersede(id: old.id, by: newID, on: database) else {
                    throw ResultError.wrongState(id: old.id, state: .superseded, wanted: "signed")
                }
                try await SQLResultRepository.insert(corrected, on: database)
                return (next, entry, corrected)
            }
        }.value
    }

    func delivered(to citizen: CitizenPrincipal) async throws -> [StoredResult] {
        try await results.delivered(applicantID: citizen.citizenID)
    }

    // MARK: Public verification

    /// The result with this identifier as public verification reports it, counted; nil when unknown.
    func verify(id: String) async throws -> StoredResult? {
        guard ResultIdentifier.isWellFormed(id), let result = try await results.find(id: id), result.state != .draft else { return nil }
        verifications.count(id)
        return result
    }

    /// Verifies a downloaded result file: signature, chain to the provincial CA, certificate revocation; then the
    /// result's current state as recorded.
    func verify(file jws: String) async throws -> (VerifiedResult, StoredResult?) {
        let revocations = RevocationSnapshot(certificates: try await signing.certificateRevocations())
        let verified: VerifiedResult
        do {
            verified = try await signing.verifier.verify(jws, revocations: revocations, now: now())
        } catch {
            throw ResultError.verificationFailed(error.description)
        }
        let stored = try await verify(id: verified.record.id)
        return (verified, stored)
    }

    var today: LocalDate { reference.calendar.localDate(of: now()) }

    // MARK: Helpers

    /// The signer's identity and opened credential.
    struct SignerContext: Sendable {
        let signatory: ResultSignatory
        let agency: ResultIssuingAgency
        let credential: SigningCredential
    }

    private func signerContext(_ principal: Principal, agencyID: String) async throws -> SignerContext {
        guard let official = try await officials.find(id: principal.officialID) else { throw ResultError.noCertificate(officialID: principal.officialID) }
        let agencyName = reference.agencies.agency(id: agencyID)?.nameVi ?? agencyID
        let signatory = ResultSignatory(name: official.fullName, officialID: official.id, title: Self.title(for: reference.agencies.agency(id: agencyID)))
        let agency = ResultIssuingAgency(id: agencyID, name: agencyName)
        let now = now()
        if let credential = try await signing.credential(officialID: official.id, at: now) {
            return SignerContext(signatory: signatory, agency: agency, credential: credential)
        }
        // The demo's convenience covers a leader's first signature only: a leader whose certificates were all
        // revoked or expired is refused, as in production. One issuance at a time, so two first signatures at
        // once (a batch) share one certificate.
        try await issuance.run {
            guard try await signing.credential(officialID: official.id, at: now) == nil else { return }
            guard issuesCertificatesOnDemand, official.role == .leader, official.agencyID == agencyID,
                try await signing.credentials.list(officialID: official.id).isEmpty
            else {
                throw ResultError.noCertificate(officialID: official.id)
            }
            _ = try await signing.issue(to: official, signatory: signatory, agency: agency, now: now)
        }
        guard let credential = try await signing.credential(officialID: official.id, at: now) else {
            throw ResultError.noCertificate(officialID: official.id)
        }
        return SignerContext(signatory: signatory, agency: agency, credential: credential)
    }

    /// Signs `result` with the signer's credential at `now`; also used by `motcua demo populate`.
    static func sign(
        _ result: inout StoredResult, register: ResultRegisterEntry?, issuedOn: LocalDate, validUntil: LocalDate?, signer: SignerContext,
        authority: SigningAuthority, at now: Date
    ) throws {
        let record = try ResultRecord(
            id: result.id, type: result.type, dossierCode: result.dossierCode, register: register, issuingAgency: signer.agency,
            signatory: signer.signatory, issuedOn: issuedOn, validUntil: validUntil, version: result.version, supersedes: result.supersedes,
            fields: result.fields)
        let jws: String
        do {
            jws = try authority.signer.sign(record, with: signer.credential, at: now, revocations: .none)
        } catch let error as ResultSigningError {
            throw ResultError.certificateUnusable(error.description)
        }
        result.state = .signed
        result.register = register
        result.issuedOn = issuedOn
        result.validUntil = validUntil
        result.signatory = signer.signatory
        result.signedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        result.certificateSerial = signer.credential.certificate.serialHex
        result.jws = jws
    }

    /// The title under which the agency's leader signs (the chair of a commune's People's Committee, the
    /// director of a department).
    static func title(for agency: Agency?) -> String {
        switch agency?.kind {
        case .commune?: "Chủ tịch Ủy ban nhân dân"
        default: "Giám đốc"
        }
    }

    private func spec(for dossier: Dossier) throws -> ResultTypeSpec {
        guard let procedure = reference.catalogue.procedure(code: dossier.procedureCode), let type = procedure.resultType,
            let spec = reference.resultTypes.spec(type)
        else { throw ResultError.noElectronicResult(procedureCode: dossier.procedureCode) }
        return spec
    }

    private static func procedure(_ dossier: Dossier, _ catalogue: ProcedureCatalogue) throws -> Procedure {
        guard let procedure = catalogue.procedure(code: dossier.procedureCode) else {
            throw TransitionError(.conflict, "procedure \(dossier.procedureCode) is no longer in the catalogue")
        }
        return procedure
    }

    private func translatingConflicts<T>(_ code: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch RepositoryError.versionConflict {
            throw DossierError.concurrentChange
        } catch RepositoryError.notFound {
            throw DossierError.notFound(code: code)
        }
    }
}
