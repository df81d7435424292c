import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import OpenAPIRuntime

/// The data stewards' worklist: campaigns, findings, decisions and the corrections export.
extension APIImplementation {
    /// The data steward granted the operation, and the scope: their agency's campaigns, or every campaign for a
    /// provincial steward.
    func steward(_ operation: PlatformOperation) throws -> (principal: Principal, scope: AccessScope) {
        try official(operation)
    }

    /// Whether a campaign lies within the steward's scope.
    static func owns(_ campaign: Campaign, _ steward: (principal: Principal, scope: AccessScope)) -> Bool {
        steward.scope == .province || campaign.agencyID == steward.principal.agencyID
    }

    /// The campaign, or 404 when there is none with this id within the steward's scope, so a wrong id is not
    /// mistaken for an empty worklist and another agency's campaign cannot be probed.
    @discardableResult
    func requireCampaign(_ id: String, for steward: (principal: Principal, scope: AccessScope)) async throws -> CampaignProgress {
        guard let progress = try await worklist.campaign(id: id), Self.owns(progress.campaign, steward) else {
            throw Problem.notFound("Không có chiến dịch \(id) / no campaign \(id)")
        }
        return progress
    }

    /// The finding, or 404 unless its campaign lies within the steward's scope.
    @discardableResult
    func requireFinding(_ id: String, for steward: (principal: Principal, scope: AccessScope)) async throws -> StoredFinding {
        guard let finding = try await worklist.finding(id: id), let campaign = try await worklist.campaign(id: finding.campaignID),
            Self.owns(campaign.campaign, steward)
        else {
            throw Problem.notFound("Không có phát hiện \(id) / no finding \(id)")
        }
        return finding
    }

    /// Findings as the API shows them, each with the registry update requests its corrections caused.
    func findingBodies(_ findings: [StoredFinding]) async throws -> [Components.Schemas.Finding] {
        let requests = try await worklist.registryOutbox.requests(originKind: "finding", references: findings.map(\.id))
        return try findings.map { try .init($0, registryUpdates: requests[$0.id] ?? []) }
    }

    func listCampaigns(_ input: Operations.ListCampaigns.Input) async throws -> Operations.ListCampaigns.Output {
        let granted = try steward(.listCampaigns)
        let campaigns = try await worklist.campaigns().filter { Self.owns($0.campaign, granted) }
        return .ok(.init(body: .json(campaigns.map(Components.Schemas.Campaign.init))))
    }

    func createCampaign(_ input: Operations.CreateCampaign.Input) async throws -> Operations.CreateCampaign.Output {
        let (principal, _) = try steward(.createCampaign)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let campaign: Campaign
        do {
            campaign = try await worklist.campaign(
                named: body.name, description: body.description, createdBy: principal.officialID, agencyID: principal.agencyID, at: now())
        } catch WorklistError.invalid(let message) {
            throw Problem.invalid(message, field: "name")
        } catch WorklistError.nameTaken {
            throw Problem(
                .conflict, "campaign-name-taken", "Tên chiến dịch đã được dùng, chọn tên khác / this campaign name is in use; choose another",
                field: "name")
        }
        guard let progress = try await worklist.campaign(id: campaign.id) else {
            throw Problem.notFound("campaign \(campaign.id) disappeared")
        }
        return .created(.init(body: .json(.init(progress))))
    }

    func listFindings(_ input: Operations.ListFindings.Input) async throws -> Operations.ListFindings.Output {
        try await requireCampaign(input.path.id, for: try steward(.listFindings))
        let limit = input.query.limit ?? 100
        let items = try await worklist.findings(
            campaignID: input.path.id, status: input.query.status.flatMap { FindingStatus(rawValue: $0.rawValue) }, kind: input.query.kind,
            after: input.query.after, limit: limit)
        return .ok(.init(body: .json(.init(items: try await findingBodies(items), next: items.count == limit ? items.last?.id : nil))))
    }

    func exportCorrections(_ input: Operations.ExportCorrections.Input) async throws -> Operations.ExportCorrections.Output {
        try await requireCampaign(input.path.id, for: try steward(.exportCorrections))
        let rows = try await worklist.corrections(campaignID: input.path.id)
        return .ok(.init(body: .csv(HTTPBody(CorrectionsCSV.render(rows)))))
    }

    func listFindingDecisions(_ input: Operations.ListFindingDecisions.Input) async throws -> Operations.ListFindingDecisions.Output {
        try await requireFinding(input.path.id, for: try steward(.listFindingDecisions))
        let decisions = try await worklist.decisions(findingID: input.path.id)
        return .ok(.init(body: .json(decisions.map {
            .init(
                sequence: $0.sequence, decision: $0.decision, reason: $0.reason,
                correction: $0.correction.map { .init(additionalProperties: $0) }, actorId: $0.actorID, at: $0.at)
        })))
    }

    func decideFinding(_ input: Operations.DecideFinding.Input) async throws -> Operations.DecideFinding.Output {
        let granted = try steward(.decideFinding)
        let principal = granted.principal
        let stored = try await requireFinding(input.path.id, for: granted)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let decision: FindingDecision
        switch body.decision {
        case .accept:
            decision = .accept(note: body.reason)
        case .reject:
            guard let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw Problem.invalid("Từ chối cần nêu lý do / a rejection needs a 'reason'", field: "reason")
            }
            decision = .reject(reason: reason)
        case .edit:
            guard let correction = body.correction?.additionalProperties, !correction.isEmpty else {
                throw Problem.invalid("Sửa cần giá trị đúng / an edit needs 'correction' with at least one field", field: "correction")
            }
            decision = .edit(correction: correction.mapValues { $0.precomposedStringWithCanonicalMapping }, note: body.reason)
        case .confirm:
            decision = .confirm(note: body.reason)
        }
        // Two-way sharing: the change an accepted or edited correction makes to a national registry.
        let registryUpdate = try body.registryUpdate.map(RegistryUpdate.init)
        if let registryUpdate {
            guard decision.sendsCorrection else {
                throw Problem.invalid(
                    "Chỉ gửi cập nhật khi chấp nhận hoặc sửa / a registryUpdate goes with 'accept' or 'edit' only", field: "registryUpdate")
            }
            try registryUpdate.check(concerns: stored)
        }
        do {
            let finding = try await worklist.decide(
                findingID: input.path.id, decision, expectedVersion: body.version, by: principal.officialID, at: now(),
                registryUpdate: registryUpdate)
            return .ok(.init(body: .json(try await findingBodies([finding])[0])))
        } catch WorklistError.findingNotFound {
            throw Problem.notFound("Không có phát hiện \(input.path.id) / no finding \(input.path.id)")
        } catch WorklistError.nothingToConfirm {
            throw Problem(
                .conflict, "nothing-to-confirm",
                "Chỉ xác nhận được phát hiện đã chấp nhận hoặc đã sửa / only an accepted or edited correction can be confirmed")
        } catch WorklistError.confirmationBySameSteward {
            throw Problem.forbidden(
                "Người khác phải xác nhận đề xuất sửa của bạn / your own correction must be confirmed by another steward (four eyes)")
        } catch WorklistError.staleVersion(let current) {
            throw Problem(.conflict, "stale-version", "Phát hiện đã được người khác xử lý / the finding was decided by someone else (now version \(current)); reload")
        }
    }
}

extension Components.Schemas.Campaign {
    init(_ progress: CampaignProgress) {
        let c = progress.campaign
        self.init(
            id: c.id, name: c.name, description: c.description, createdBy: c.createdBy, createdAt: c.createdAt, agencyId: c.agencyID,
            total: progress.total,
            open: progress.open, reviewed: progress.reviewed, corrected: progress.corrected, rejected: progress.rejected)
    }
}

extension Components.Schemas.Finding {
    init(_ f: StoredFinding, registryUpdates: [RegistryUpdateRequest]) throws {
        self.init(
            id: f.id, runId: f.runID, campaignId: f.campaignID, sourceRecordId: f.sourceRecordID, sourceLine: f.sourceLine, kind: f.kind,
            kinds: f.kinds, citizenId: f.citizenID, automatic: f.automatic, status: .init(rawValue: f.status.rawValue)!,
            correction: f.correction.map { .init(additionalProperties: $0) }, decidedBy: f.decidedBy, decidedAt: f.decidedAt,
            confirmedBy: f.confirmedBy, confirmedAt: f.confirmedAt, version: f.version,
            detail: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(f.payload.utf8)),
            registryUpdates: registryUpdates.isEmpty ? nil : registryUpdates.map(Components.Schemas.RegistryUpdateRequest.init))
    }
}
