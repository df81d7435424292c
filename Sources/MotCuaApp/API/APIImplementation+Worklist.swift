import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import OpenAPIRuntime

/// The data stewards' worklist: campaigns, findings, decisions and the corrections export.
extension APIImplementation {
    /// The caller, who must be a data steward.
    func steward() throws -> Principal {
        let principal = try principal()
        guard principal.role == .dataSteward else {
            throw Problem.forbidden("Chỉ cán bộ quản lý dữ liệu / only data stewards work on data-cleaning campaigns")
        }
        return principal
    }

    /// 404 unless the campaign exists, so a wrong id is not mistaken for an empty worklist.
    func requireCampaign(_ id: String) async throws {
        guard try await worklist.campaign(id: id) != nil else {
            throw Problem.notFound("Không có chiến dịch \(id) / no campaign \(id)")
        }
    }

    func listCampaigns(_ input: Operations.ListCampaigns.Input) async throws -> Operations.ListCampaigns.Output {
        _ = try steward()
        return .ok(.init(body: .json(try await worklist.campaigns().map(Components.Schemas.Campaign.init))))
    }

    func createCampaign(_ input: Operations.CreateCampaign.Input) async throws -> Operations.CreateCampaign.Output {
        let principal = try steward()
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        let campaign: Campaign
        do {
            campaign = try await worklist.campaign(named: body.name, description: body.description, createdBy: principal.officialID, at: now())
        } catch WorklistError.invalid(let message) {
            throw Problem.invalid(message, field: "name")
        }
        guard let progress = try await worklist.campaign(id: campaign.id) else {
            throw Problem.notFound("campaign \(campaign.id) disappeared")
        }
        return .created(.init(body: .json(.init(progress))))
    }

    func listFindings(_ input: Operations.ListFindings.Input) async throws -> Operations.ListFindings.Output {
        _ = try steward()
        try await requireCampaign(input.path.id)
        let limit = input.query.limit ?? 100
        let items = try await worklist.findings(
            campaignID: input.path.id, status: input.query.status.flatMap { FindingStatus(rawValue: $0.rawValue) }, kind: input.query.kind,
            after: input.query.after, limit: limit)
        return .ok(.init(body: .json(.init(items: try items.map(Components.Schemas.Finding.init), next: items.count == limit ? items.last?.id : nil))))
    }

    func exportCorrections(_ input: Operations.ExportCorrections.Input) async throws -> Operations.ExportCorrections.Output {
        _ = try steward()
        try await requireCampaign(input.path.id)
        let rows = try await worklist.corrections(campaignID: input.path.id)
        return .ok(.init(body: .csv(HTTPBody(CorrectionsCSV.render(rows)))))
    }

    func listFindingDecisions(_ input: Operations.ListFindingDecisions.Input) async throws -> Operations.ListFindingDecisions.Output {
        _ = try steward()
        guard try await worklist.finding(id: input.path.id) != nil else {
            throw Problem.notFound("Không có phát hiện \(input.path.id) / no finding \(input.path.id)")
        }
        let decisions = try await worklist.decisions(findingID: input.path.id)
        return .ok(.init(body: .json(decisions.map {
            .init(
                sequence: $0.sequence, decision: $0.decision, reason: $0.reason,
                correction: $0.correction.map { .init(additionalProperties: $0) }, actorId: $0.actorID, at: $0.at)
        })))
    }

    func decideFinding(_ input: Operations.DecideFinding.Input) async throws -> Operations.DecideFinding.Output {
        let principal = try steward()
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
        }
        do {
            let finding = try await worklist.decide(
                findingID: input.path.id, decision, expectedVersion: body.version, by: principal.officialID, at: now())
            return .ok(.init(body: .json(try .init(finding))))
        } catch WorklistError.findingNotFound {
            throw Problem.notFound("Không có phát hiện \(input.path.id) / no finding \(input.path.id)")
        } catch WorklistError.staleVersion(let current) {
            throw Problem(.conflict, "stale-version", "Phát hiện đã được người khác xử lý / the finding was decided by someone else (now version \(current)); reload")
        }
    }
}

extension Components.Schemas.Campaign {
    init(_ progress: CampaignProgress) {
        let c = progress.campaign
        self.init(
            id: c.id, name: c.name, description: c.description, createdBy: c.createdBy, createdAt: c.createdAt, total: progress.total,
            open: progress.open, reviewed: progress.reviewed, corrected: progress.corrected, rejected: progress.rejected)
    }
}

extension Components.Schemas.Finding {
    init(_ f: StoredFinding) throws {
        self.init(
            id: f.id, runId: f.runID, campaignId: f.campaignID, sourceRecordId: f.sourceRecordID, sourceLine: f.sourceLine, kind: f.kind,
            kinds: f.kinds, citizenId: f.citizenID, automatic: f.automatic, status: .init(rawValue: f.status.rawValue)!,
            correction: f.correction.map { .init(additionalProperties: $0) }, decidedBy: f.decidedBy, decidedAt: f.decidedAt,
            version: f.version, detail: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(f.payload.utf8)))
    }
}

extension APIImplementation {
    /// The source name that stands for the platform's own dossier applicants.
    static let platformApplicants = "platform:applicants"

    func runReconciliation(_ input: Operations.RunReconciliation.Input) async throws -> Operations.RunReconciliation.Output {
        let principal = try steward()
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        try await requireCampaign(input.path.id)
        let runner = ReconciliationRunner(importDirectory: importDirectory, worklist: worklist)
        let register = try runner.file(body.register, field: "register")
        // "platform:applicants" reads the platform's own dossiers instead of a file.
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let source: URL
        if body.source == Self.platformApplicants {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-applicants-\(UUID().uuidString).csv")
            _ = try await ApplicantsExport.writeCSV(dossiers: service.dossiers, to: file)
            temporary = file
            source = file
        } else {
            source = try runner.file(body.source, field: "source")
        }
        let registerMapping = try body.registerMapping.map { try runner.file($0, field: "registerMapping") }
        let sourceMapping = try body.sourceMapping.map { try runner.file($0, field: "sourceMapping") }
        do {
            let result = try await runner.run(
                campaignID: input.path.id, register: register, source: source, registerMapping: registerMapping, sourceMapping: sourceMapping,
                by: principal.officialID)
            return .created(.init(body: .json(.init(
                runId: result.runID, registerRows: result.report.registerRows, sourceRows: result.report.sourceRows, stored: result.stored,
                kinds: .init(additionalProperties: result.report.kindCounts)))))
        } catch let error as ReconciliationInputError {
            throw Problem.invalid(String(describing: error))
        } catch let error as DecodingError {
            throw Problem.invalid("Tệp ánh xạ cột không hợp lệ / a column mapping file is not valid JSON: \(error)")
        }
    }
}
