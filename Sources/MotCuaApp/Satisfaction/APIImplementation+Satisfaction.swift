import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage

/// Ratings of returned dossiers and complaints/petitions (PAKN): the citizen's, the counter tablet's, the
/// agency's queue and steps, and the published answers.
extension APIImplementation {
    func rateDossier(_ input: Operations.RateDossier.Input) async throws -> Operations.RateDossier.Output {
        let (caller, scope) = try caller(.rateDossier)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let rating = try await Problem.mapping { try await satisfaction.rate(code: input.path.code, level: body.level, comment: body.comment, by: caller, scope: scope) }
        return .created(.init(body: .json(describe(rating))))
    }

    func rateDossierAtCounter(_ input: Operations.RateDossierAtCounter.Input) async throws -> Operations.RateDossierAtCounter.Output {
        let (caller, scope) = try caller(.rateDossierAtCounter)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let rating = try await Problem.mapping { try await satisfaction.rate(code: input.path.code, level: body.level, comment: body.comment, by: caller, scope: scope) }
        return .created(.init(body: .json(describe(rating))))
    }

    func createPetition(_ input: Operations.CreatePetition.Input) async throws -> Operations.CreatePetition.Output {
        let citizen = try citizen(.createPetition)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let petition = try await Problem.mapping {
            try await satisfaction.file(
                category: body.category.rawValue, content: body.content, dossierCode: body.dossierCode, agencyID: body.agencyId, by: citizen)
        }
        return .created(.init(body: .json(describe(petition))))
    }

    func listMyPetitions(_ input: Operations.ListMyPetitions.Input) async throws -> Operations.ListMyPetitions.Output {
        let citizen = try citizen(.listMyPetitions)
        return .ok(.init(body: .json(try await satisfaction.mine(citizen).map(describe))))
    }

    func respondToPetition(_ input: Operations.RespondToPetition.Input) async throws -> Operations.RespondToPetition.Output {
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        return .ok(.init(body: .json(try await petitionStep(.respondToPetition, id: input.path.id, body))))
    }

    func listPetitions(_ input: Operations.ListPetitions.Input) async throws -> Operations.ListPetitions.Output {
        let (principal, scope) = try official(.listPetitions)
        let statuses = input.query.status.flatMap { PetitionStatus(rawValue: $0.rawValue) }.map { [$0] } ?? []
        let items = try await Problem.mapping {
            try await satisfaction.queue(for: principal, scope: scope, agency: input.query.agency, statuses: statuses)
        }
        return .ok(.init(body: .json(items.map(describe))))
    }

    func actOnPetition(_ input: Operations.ActOnPetition.Input) async throws -> Operations.ActOnPetition.Output {
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        return .ok(.init(body: .json(try await petitionStep(.actOnPetition, id: input.path.id, body))))
    }

    /// The filer's or an officer's step: the operation's grant decides who may, the service which steps are whose.
    private func petitionStep(
        _ operation: PlatformOperation, id: String, _ body: Components.Schemas.PetitionStepRequest
    ) async throws -> Components.Schemas.Petition {
        let (caller, scope) = try caller(operation)
        let petition = try await Problem.mapping {
            try await satisfaction.act(
                id: id, action: body.action.rawValue, text: body.text, satisfied: body.satisfied, version: body.version, by: caller, scope: scope)
        }
        return describe(petition)
    }

    func getPetitionHistory(_ input: Operations.GetPetitionHistory.Input) async throws -> Operations.GetPetitionHistory.Output {
        let (caller, scope) = try caller(.getPetitionHistory)
        let events = try await Problem.mapping { try await satisfaction.history(id: input.path.id, caller: caller, scope: scope) }
        return .ok(.init(body: .json(events.map { event in
            .init(
                seq: event.seq, action: event.action, actorId: event.actorRole == "citizen" ? nil : event.actorID, actorRole: event.actorRole,
                at: event.at, statusBefore: event.statusBefore, statusAfter: event.statusAfter, note: event.note)
        })))
    }

    func listPublishedPetitions(_ input: Operations.ListPublishedPetitions.Input) async throws -> Operations.ListPublishedPetitions.Output {
        _ = try authorize(.listPublishedPetitions)
        try satisfaction.publicLimiter.admit(AppRequestContext.current?.remoteAddress)
        let items = try await satisfaction.published(limit: input.query.limit ?? 20, offset: input.query.offset ?? 0)
        return .ok(.init(body: .json(items.compactMap { PublishedPetition($0, service: satisfaction)?.payload })))
    }

    // MARK: - Rendering

    func describe(_ rating: DossierRating) -> Components.Schemas.Rating {
        let label = satisfaction.rules.label(of: rating.level)
        return .init(
            dossierCode: rating.dossierCode, level: rating.level.rawValue, labelVi: label.vi, labelEn: label.en, comment: rating.comment,
            channel: rating.channel == .online ? .online : .counter, ratedAt: rating.ratedAt)
    }

    /// A petition for its filer and the agency's officers: never the filer's ID.
    func describe(_ petition: Petition) -> Components.Schemas.Petition {
        let agency = reference.agencies.agency(id: petition.agencyID)
        return .init(
            id: petition.id, agencyId: petition.agencyID, agencyNameVi: agency?.nameVi ?? petition.agencyID,
            agencyNameEn: agency?.nameEn ?? petition.agencyID, category: .init(rawValue: petition.category.rawValue)!,
            dossierCode: petition.dossierCode, status: .init(rawValue: petition.status.rawValue)!, version: petition.version,
            receivedAt: petition.receivedAt, handlingDueAt: petition.handlingDueAt, refusalDueAt: petition.refusalDueAt,
            supplementDueAt: petition.supplementDueAt, publishDueAt: petition.publishDueAt, nextDueAt: petition.nextDueAt,
            overdue: !petition.isOnTime(at: now()), content: petition.content, supplementRequest: petition.supplementRequest,
            supplement: petition.supplement, answer: petition.answer, answeredAt: petition.answeredAt, summary: petition.summary,
            publishedAt: petition.publishedAt, refusalReason: petition.refusalReason, refusedAt: petition.refusedAt, satisfied: petition.satisfied)
    }
}

/// A published answer as the public sees it: the agency, the category, the officer's redacted summary and the
/// answer, the day it was received. Never the citizen's text, name, ID or dossier code.
struct PublishedPetition {
    let id: String
    let agency: (id: String, vi: String, en: String)
    let category: PetitionCategory
    let categoryLabel: SatisfactionRules.Label
    let summary: String
    let answer: String
    let receivedOn: LocalDate
    let publishedAt: Date
    /// The day of publication, Vietnam time (as the page shows it).
    let publishedOn: LocalDate

    init?(_ petition: Petition, service: SatisfactionService) {
        guard petition.status == .published, let summary = petition.summary, let answer = petition.answer, let publishedAt = petition.publishedAt
        else { return nil }
        let agency = service.reference.agencies.agency(id: petition.agencyID)
        self.id = petition.id
        self.agency = (petition.agencyID, agency?.nameVi ?? petition.agencyID, agency?.nameEn ?? petition.agencyID)
        self.category = petition.category
        self.categoryLabel = service.rules.label(of: petition.category)
        self.summary = summary
        self.answer = answer
        self.receivedOn = service.reference.calendar.localDate(of: petition.receivedAt)
        self.publishedAt = publishedAt
        self.publishedOn = service.reference.calendar.localDate(of: publishedAt)
    }

    var payload: Components.Schemas.PublishedPetition {
        .init(
            id: id, agencyId: agency.id, agencyNameVi: agency.vi, agencyNameEn: agency.en, category: .init(rawValue: category.rawValue)!,
            categoryVi: categoryLabel.vi, categoryEn: categoryLabel.en, summary: summary, answer: answer, receivedOn: receivedOn.description,
            publishedAt: publishedAt)
    }
}
