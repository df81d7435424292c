import Foundation
import MotCuaDomain
import MotCuaStorage

/// Ratings of returned dossiers and complaints/petitions (PAKN): who may rate or file what, the petition steps
/// with their deadlines and history, and the published answers. Throws `SatisfactionError` (and the dossier
/// service's errors); the HTTP edge maps them.
struct SatisfactionService: Sendable {
    let reference: ReferenceData
    let rules: SatisfactionRules
    let dossiers: DossierService
    let repository: SQLSatisfactionRepository
    /// The public list and page of published answers are limited per client address like `/verify`.
    let publicLimiter: VerificationRateLimiter
    let now: @Sendable () -> Date

    /// The rules bundled with the app (`Resources/satisfaction/satisfaction-rules.json`).
    static func bundledRules() throws -> SatisfactionRules {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("satisfaction/satisfaction-rules.json")
        else { throw ReferenceDataError(file: "Resources/satisfaction/satisfaction-rules.json", reason: "missing from the build") }
        return try SatisfactionRules.load(try Data(contentsOf: url))
    }

    // MARK: - Ratings

    /// The applicant rates their own dossier online, or the applicant taps a level on the tablet of an officer of
    /// the dossier's agency. The dossier must be visible to the caller (404 otherwise, as for a missing one), its
    /// result returned, and not rated yet.
    func rate(code: String, level: Int, comment: String?, by caller: Caller, scope: AccessScope) async throws -> DossierRating {
        let dossier = try await visibleDossier(code: code, caller: caller, scope: scope)
        guard let level = SatisfactionLevel(rawValue: level) else {
            throw SatisfactionError.invalid(field: "level", vi: "mức đánh giá từ 1 đến 5", en: "'level' must be 1 to 5 on the five-level scale")
        }
        let comment = try PetitionText.optional(comment, field: "comment", limit: PetitionText.commentLimit)
        guard dossier.status == .returned, dossier.returnedAt != nil else { throw SatisfactionError.resultNotReturned(code: dossier.code) }
        let rating: DossierRating
        switch caller {
        case .citizen:
            rating = DossierRating(
                dossierCode: dossier.code, agencyID: dossier.agencyID, level: level, comment: comment, channel: .online, recordedBy: "citizen",
                ratedAt: now())
        case .official(let principal):
            rating = DossierRating(
                dossierCode: dossier.code, agencyID: dossier.agencyID, level: level, comment: comment, channel: .counter,
                recordedBy: principal.officialID, ratedAt: now())
        }
        try await repository.record(rating)
        return rating
    }

    private func visibleDossier(code: String, caller: Caller, scope: AccessScope) async throws -> Dossier {
        do {
            return try await dossiers.visibleDossier(code: code, for: caller, scope: scope)
        } catch DossierError.notFound {
            throw SatisfactionError.dossierNotFound(code: code)
        }
    }

    // MARK: - Petitions

    /// Files a petition: about one of the citizen's own dossiers (its agency handles it), or to a named agency.
    func file(
        category: String, content: String?, dossierCode: String?, agencyID: String?, by citizen: CitizenPrincipal
    ) async throws -> Petition {
        guard let category = PetitionCategory(rawValue: category) else {
            throw SatisfactionError.invalid(field: "category", vi: "loại phản ánh không hợp lệ", en: "'category' must be regulation, procedure or conduct")
        }
        let content = try PetitionText.checked(content, field: "content", limit: PetitionText.contentLimit)
        let agency: String
        var dossier: String?
        if let dossierCode, !dossierCode.isEmpty {
            let found = try await visibleDossier(code: dossierCode, caller: .citizen(citizen), scope: .ownPerson)
            agency = found.agencyID
            dossier = found.code
        } else if let agencyID, reference.agencies.agency(id: agencyID) != nil {
            agency = agencyID
        } else {
            throw SatisfactionError.invalid(
                field: "agencyId", vi: "chọn cơ quan được phản ánh hoặc hồ sơ liên quan", en: "name a known agency ('agencyId') or one of your dossiers ('dossierCode')")
        }
        let petition = Petition(
            id: UUID().uuidString.lowercased(), agencyID: agency, category: category, dossierCode: dossier, citizenID: citizen.citizenID.value,
            content: content, receivedAt: now(), limits: rules.timeLimits, calendar: reference.calendar)
        try await repository.create(petition, actorID: "citizen", actorRole: "citizen")
        return petition
    }

    func mine(_ citizen: CitizenPrincipal) async throws -> [Petition] {
        try await repository.petitions(citizenID: citizen.citizenID.value)
    }

    /// The queue of the caller's agency (or, for provincial callers, of every agency or the one named).
    func queue(for principal: Principal, scope: AccessScope, agency: String?, statuses: [PetitionStatus]) async throws -> [Petition] {
        let agencies: [String]?
        switch scope {
        case .province: agencies = agency.map { [$0] }
        default:
            if let agency, agency != principal.agencyID {
                throw SatisfactionError.invalid(field: "agency", vi: "chỉ xem được phản ánh của cơ quan mình", en: "you may list only your own agency's petitions")
            }
            agencies = [principal.agencyID]
        }
        return try await repository.queue(agencies: agencies, statuses: statuses.isEmpty ? PetitionStatus.allCases : statuses, limit: 500)
    }

    /// A petition within the caller's scope: their agency's, the province's, or the citizen's own.
    func visiblePetition(id: String, caller: Caller, scope: AccessScope) async throws -> Petition {
        guard let petition = try await repository.petition(id: id) else { throw SatisfactionError.petitionNotFound(id: id) }
        let visible =
            switch (scope, caller) {
            case (.province, .official): true
            case (.ownAgency, .official(let principal)): principal.agencyID == petition.agencyID
            case (.ownPerson, .citizen(let citizen)): citizen.citizenID.value == petition.citizenID
            default: false
            }
        guard visible else { throw SatisfactionError.petitionNotFound(id: id) }
        return petition
    }

    /// An officer's step (request a supplement, answer, refuse, publish) or the filer's (supplement, feedback),
    /// on the version the caller read.
    func act(id: String, action name: String, text: String?, satisfied: Bool?, version: Int, by caller: Caller, scope: AccessScope) async throws -> Petition {
        let petition = try await visiblePetition(id: id, caller: caller, scope: scope)
        let action = try Self.action(name, text: text, satisfied: satisfied)
        let isCitizen: Bool
        if case .citizen = caller { isCitizen = true } else { isCitizen = false }
        guard action.byCitizen == isCitizen else {
            throw SatisfactionError.invalid(
                field: "action", vi: isCitizen ? "công dân chỉ bổ sung hoặc đánh giá câu trả lời" : "bước này do người phản ánh thực hiện",
                en: isCitizen ? "citizens may only supplement or give feedback" : "this step is the filer's")
        }
        guard petition.version == version else { throw SatisfactionError.staleVersion }
        let at = now()
        let updated = try PetitionWorkflow.apply(action, to: petition, at: at, limits: rules.timeLimits, calendar: reference.calendar)
        let (actorID, actorRole): (String, String) =
            switch caller {
            case .official(let principal): (principal.officialID, principal.role.rawValue)
            // The citizen's steps carry no identifier in the history: the petition itself says who filed it.
            case .citizen: ("citizen", "citizen")
            }
        try await repository.update(updated, from: petition, action: action.name, actorID: actorID, actorRole: actorRole, note: action.note, at: at)
        return updated
    }

    static func action(_ name: String, text: String?, satisfied: Bool?) throws -> PetitionAction {
        switch name {
        case "request_supplement": return .requestSupplement(reason: try PetitionText.checked(text, field: "text", limit: PetitionText.reasonLimit))
        case "supplement": return .supplement(text: try PetitionText.checked(text, field: "text", limit: PetitionText.contentLimit))
        case "answer":
            let answer = try PetitionText.checked(text, field: "text", limit: PetitionText.answerLimit)
            // The answer is published as written: it must not carry ID or phone numbers either.
            try PetitionText.checkPublishable(answer, field: "text")
            return .answer(text: answer)
        case "refuse": return .refuse(reason: try PetitionText.checked(text, field: "text", limit: PetitionText.reasonLimit))
        case "publish":
            let summary = try PetitionText.checked(text, field: "text", limit: PetitionText.summaryLimit)
            try PetitionText.checkPublishable(summary, field: "text")
            return .publish(summary: summary)
        case "feedback":
            guard let satisfied else {
                throw SatisfactionError.invalid(field: "satisfied", vi: "cho biết có hài lòng với câu trả lời không", en: "'feedback' needs 'satisfied'")
            }
            return .feedback(satisfied: satisfied)
        default:
            throw SatisfactionError.invalid(field: "action", vi: "thao tác không hợp lệ", en: "unknown action '\(name.prefix(40))'")
        }
    }

    func history(id: String, caller: Caller, scope: AccessScope) async throws -> [PetitionEvent] {
        try await repository.history(petitionID: try await visiblePetition(id: id, caller: caller, scope: scope).id)
    }

    func published(limit: Int, offset: Int) async throws -> [Petition] {
        try await repository.published(limit: limit, offset: offset)
    }
}
