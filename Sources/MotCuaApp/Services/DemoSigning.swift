import Foundation
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage
import X509

/// The signed electronic results of `motcua demo populate`. Each agency gets one leader account (inactive: it
/// signs the populated year, nobody signs in with it) holding certificates from the demo CA, renewed when one
/// expires; each result is prepared and signed as `ResultService.prepare` and `sign` do (validated fields, the
/// holder masked, the register number of the year's book, the JWS by `ResultService.sign`) at the dossier's
/// own signing time, so the public verification page and the index treat it like any other. The dossier's
/// history gets the same `prepare_result` and `approve_for_signature` entries (and `return_result` when it
/// was returned); rows are written in bulk by `SQLDossierRepository.bulkInsert(_:activity:)`.
///
/// Not written: the registry outbox rows a signed marriage or death queues for the national databases — the
/// demo's year is history, and its updates would be sent to the registry sandbox on the next start.
struct DemoSigning {
    let platform: Platform
    private var leaders: [String: Official] = [:]
    private var credentials: [String: [SigningCredential]] = [:]
    private var registerNumbers: [String: Int]
    /// The counters moved since the last `take()`.
    private var touched: Set<String> = []
    /// No signature before this: the CA's own start (when the CA existed before the populated year, every
    /// signature is at its real time).
    private let earliest: Date

    init(platform: Platform) async throws {
        self.platform = platform
        registerNumbers = try await platform.results.registerNumbers()
        earliest = platform.signing.authority.certificate.notValidBefore.addingTimeInterval(120)
    }

    /// The demo CA for a populated year ending at `end`: created valid from a day before its start when the
    /// keys directory has none yet (a CA created later could not have signed the year's results).
    static func prepareAuthority(_ configuration: AppConfiguration, end: Date) throws {
        guard configuration.mode == .demo, configuration.caCertificateFile == nil else { return }
        let start = end.addingTimeInterval(-366 * 86_400)
        do {
            _ = try SigningAuthority.demoAuthority(configuration, now: start)
        } catch let error as CertificateAuthorityError where error.reason == .notYetValid {
            // A demo CA left by an earlier, later-dated run: say which directory holds it and what to do.
            let directory = URL(fileURLWithPath: configuration.keyDirectory).appendingPathComponent("ca").path
            throw ConfigurationError(
                "MOTCUA_SQLITE_PATH",
                "the demo CA in \(directory) was created after the start of the year to populate, so it cannot have signed that year's results; "
                    + "remove that directory (a new demo CA is created) or populate a database in another directory (the keys live beside the SQLite file) / "
                    + "CA demo trong \(directory) được tạo sau ngày đầu của năm cần điền dữ liệu; hãy xóa thư mục đó hoặc dùng thư mục khác")
        }
    }

    /// Prepares and signs the result of a dossier that ended at `dossier.finishedAt`, appending its history
    /// entries to `entries`; nil (and nothing appended) when the procedure issues no electronic result.
    mutating func sign(
        _ dossier: inout Dossier, entries: inout [HistoryEntry], fields: [String: String], preparedAt: Date, end: Date
    ) async throws -> StoredResult? {
        let reference = platform.reference
        guard let finished = dossier.finishedAt, let type = reference.catalogue.procedure(code: dossier.procedureCode)?.resultType,
            let spec = reference.resultTypes.spec(type)
        else { return nil }
        let checked = try spec.validated(fields)
        // Never after the end of the populated year, where a CA created moments ago would put it.
        let at = min(max(finished, earliest), end)
        // After the scans filed at receipt, and not after the signature.
        let prepared = min(max(preparedAt, entries.last?.at ?? preparedAt), at)
        let signer = try await signerContext(agencyID: dossier.agencyID, at: at)
        var result = StoredResult(
            id: ResultIdentifier.make(), dossierCode: dossier.code, type: type, agencyID: dossier.agencyID, version: 1, supersedes: nil,
            fields: checked, preparedBy: "demo", preparedAt: prepared, holderMasked: HolderName.masked(checked[spec.holderField] ?? ""))
        let issuedOn = reference.calendar.localDate(of: at)
        var register: ResultRegisterEntry?
        if let book = spec.registerBook(for: issuedOn) {
            let key = dossier.agencyID + "|" + book
            let number = (registerNumbers[key] ?? 0) + 1
            registerNumbers[key] = number
            touched.insert(key)
            register = ResultRegisterEntry(book: book, number: String(number))
        }
        try ResultService.sign(
            &result, register: register, issuedOn: issuedOn, validUntil: spec.validUntil(issuedOn: issuedOn), signer: signer,
            authority: platform.signing, at: at)
        // The history as the results service and the return at the desk write it.
        let specialist = Actor.official(id: "demo", role: .specialist, agencyID: dossier.agencyID)
        let leader = Actor.official(id: signer.signatory.officialID, role: .leader, agencyID: dossier.agencyID)
        append(&entries, to: &dossier, "prepare_result", by: specialist, at: prepared, from: (.inProcess, .appraisal), to: (.inProcess, .appraisal),
            note: "result draft \(result.id)")
        append(&entries, to: &dossier, "approve_for_signature", by: leader, at: at, from: (.inProcess, .signature), to: (.done, .delivery),
            note: "result \(result.id) digitally signed (JWS ES256)")
        if dossier.status == .returned, let returned = dossier.returnedAt {
            let delivered = max(returned, at)
            let clerk = Actor.official(id: "demo", role: .resultClerk, agencyID: dossier.receivingAgencyID)
            append(&entries, to: &dossier, "return_result", by: clerk, at: delivered, from: (.done, .delivery), to: (.returned, .delivery), note: nil)
            result.deliveredAt = delivered
        }
        return result
    }

    /// The register counters moved since the last call.
    mutating func take() -> [BulkActivity.RegisterCounter] {
        defer { touched.removeAll() }
        return touched.sorted().map { key in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            return BulkActivity.RegisterCounter(agencyID: parts[0], book: parts[1], last: registerNumbers[key]!)
        }
    }

    private func append(
        _ entries: inout [HistoryEntry], to dossier: inout Dossier, _ action: String, by actor: Actor, at: Date,
        from: (DossierStatus, ProcessStep), to: (DossierStatus, ProcessStep), note: String?
    ) {
        let entry = HistoryEntry(
            dossierID: dossier.id, sequence: entries.count + 1, action: action, actor: actor, at: at, statusBefore: from.0, statusAfter: to.0,
            stepBefore: from.1, stepAfter: to.1, note: note, previousHash: entries.last?.hash ?? dossier.historyHead)
        entries.append(entry)
        dossier.version = entry.sequence
        dossier.historyHead = entry.hash
    }

    /// The agency's demo leader with a certificate valid at `at`, created and issued on first need.
    private mutating func signerContext(agencyID: String, at: Date) async throws -> ResultService.SignerContext {
        let agency = platform.reference.agencies.agency(id: agencyID)
        let issuing = ResultIssuingAgency(id: agencyID, name: agency?.nameVi ?? agencyID)
        let official: Official
        if let known = leaders[agencyID] {
            official = known
        } else {
            official = Official(
                id: "demo-ky." + agencyID, username: "demo-ky." + agencyID, fullName: "Lãnh đạo " + issuing.name, role: .leader,
                agencyID: agencyID, passwordHash: "!", active: false)
            // Already there when a database is populated twice: its certificates are then issued anew.
            _ = try await platform.officials.create(official)
            leaders[agencyID] = official
        }
        let signatory = ResultSignatory(name: official.fullName, officialID: official.id, title: ResultService.title(for: agency))
        let credential: SigningCredential
        if let valid = credentials[agencyID]?.first(where: { $0.certificate.notValidBefore <= at && at < $0.certificate.notValidAfter }) {
            credential = valid
        } else {
            credential = try await issue(to: official, signatory: signatory, agency: issuing, at: at)
            credentials[agencyID, default: []].append(credential)
        }
        return ResultService.SignerContext(signatory: signatory, agency: issuing, credential: credential)
    }

    /// Issues a certificate valid from an hour before `at` (not before the CA's start), as the CA administrator
    /// would have, and opens it.
    private func issue(to official: Official, signatory: ResultSignatory, agency: ResultIssuingAgency, at: Date) async throws -> SigningCredential {
        let issuedAt = max(earliest.addingTimeInterval(-60), at.addingTimeInterval(-3_600))
        _ = try await platform.signing.issue(to: official, signatory: signatory, agency: agency, now: issuedAt)
        guard let opened = try await platform.signing.credential(officialID: official.id, at: at) else {
            throw ResultError.noCertificate(officialID: official.id)
        }
        return opened
    }
}
