import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaReconciliation
import MotCuaStorage
import OpenAPIRuntime

/// Reconciliation runs as background jobs: start, follow, cancel, resume. A job is reached through its
/// campaign, so another agency's job id answers 404 like another agency's campaign.
extension APIImplementation {
    /// Mapping files are small JSON objects; anything larger is not one (and is not read into memory).
    static let maximumMappingBytes = 64 * 1024

    func runReconciliation(_ input: Operations.RunReconciliation.Input) async throws -> Operations.RunReconciliation.Output {
        let granted = try steward(.runReconciliation)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        try await requireCampaign(input.path.id, for: granted)
        let inputs = ReconciliationJobInputs(
            register: body.register, source: body.source, registerMapping: body.registerMapping, sourceMapping: body.sourceMapping)
        try checkRunInputs(inputs, scope: granted.scope)
        do {
            let job = try await reconciliationJobs.jobs.create(
                campaignID: input.path.id, inputs: inputs, createdBy: granted.principal.officialID, at: now())
            reconciliationJobs.notify()
            return .accepted(.init(headers: .init(location: "/api/v1/reconciliation-jobs/\(job.id)"), body: .json(.init(job))))
        } catch ReconciliationJobError.campaignBusy(let active) {
            throw Self.campaignBusy(active)
        } catch WorklistError.campaignNotFound {
            throw Problem.notFound("Không có chiến dịch \(input.path.id) / no campaign \(input.path.id)")
        }
    }

    func listReconciliationJobs(_ input: Operations.ListReconciliationJobs.Input) async throws -> Operations.ListReconciliationJobs.Output {
        try await requireCampaign(input.path.id, for: try steward(.listReconciliationJobs))
        let jobs = try await reconciliationJobs.jobs.jobs(campaignID: input.path.id)
        return .ok(.init(body: .json(jobs.map(Components.Schemas.ReconciliationJob.init))))
    }

    func getReconciliationJob(_ input: Operations.GetReconciliationJob.Input) async throws -> Operations.GetReconciliationJob.Output {
        let job = try await requireJob(input.path.id, for: try steward(.getReconciliationJob))
        return .ok(.init(body: .json(.init(job))))
    }

    func cancelReconciliationJob(_ input: Operations.CancelReconciliationJob.Input) async throws -> Operations.CancelReconciliationJob.Output {
        let job = try await requireJob(input.path.id, for: try steward(.cancelReconciliationJob))
        do {
            return .accepted(.init(body: .json(.init(try await reconciliationJobs.jobs.cancel(id: job.id, at: now())))))
        } catch ReconciliationJobError.wrongState(let state) {
            throw Problem(
                .conflict, "job-finished",
                "Công việc đã kết thúc (\(state.rawValue)), không thể hủy / the job has already ended (\(state.rawValue)); nothing to cancel")
        }
    }

    func resumeReconciliationJob(_ input: Operations.ResumeReconciliationJob.Input) async throws -> Operations.ResumeReconciliationJob.Output {
        let granted = try steward(.resumeReconciliationJob)
        let job = try await requireJob(input.path.id, for: granted)
        guard job.state.isResumable else {
            throw Problem(
                .conflict, "job-not-resumable",
                "Chỉ tiếp tục được công việc đã hủy, lỗi hoặc bị gián đoạn (đang là \(job.state.rawValue)) / only a cancelled, failed or interrupted job can be resumed (this one is \(job.state.rawValue))")
        }
        // The same checks as a start: the files may have gone, and the applicants are a provincial steward's.
        try checkRunInputs(job.inputs, scope: granted.scope)
        do {
            let resumed = try await reconciliationJobs.jobs.resume(id: job.id, by: granted.principal.officialID, at: now())
            reconciliationJobs.notify()
            return .accepted(.init(body: .json(.init(resumed))))
        } catch ReconciliationJobError.campaignBusy(let active) {
            throw Self.campaignBusy(active)
        } catch ReconciliationJobError.wrongState(let state) {
            throw Problem(
                .conflict, "job-not-resumable",
                "Công việc vừa đổi trạng thái (\(state.rawValue)) / the job changed state meanwhile (\(state.rawValue)); reload")
        }
    }

    /// The job, or 404 unless its campaign lies within the caller's scope.
    func requireJob(_ id: String, for granted: (principal: Principal, scope: AccessScope)) async throws -> ReconciliationJob {
        guard let job = try await reconciliationJobs.jobs.job(id: id),
            let campaign = try await worklist.campaign(id: job.campaignID), Self.owns(campaign.campaign, granted)
        else {
            throw Problem.notFound("Không có công việc đối chiếu \(id) / no reconciliation job \(id)")
        }
        return job
    }

    /// Refuses, before anything is queued, inputs a run could not start from: names outside the import
    /// directory or missing files (422 naming the field), mapping files that are not a column mapping, and every
    /// agency's applicants for a steward of one agency (403).
    func checkRunInputs(_ inputs: ReconciliationJobInputs, scope: AccessScope) throws {
        let runner = reconciliationJobs.runner
        _ = try runner.file(inputs.register, field: "register")
        if inputs.source == ReconciliationJobService.platformApplicants {
            guard scope == .province else {
                throw Problem.forbidden(
                    "Chỉ cán bộ quản lý dữ liệu cấp tỉnh được đối chiếu toàn bộ người nộp hồ sơ / only provincial data stewards may reconcile every agency's applicants")
            }
        } else {
            _ = try runner.file(inputs.source, field: "source")
        }
        for (name, field) in [(inputs.registerMapping, "registerMapping"), (inputs.sourceMapping, "sourceMapping")] {
            guard let name else { continue }
            let url = try runner.file(name, field: field)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= Self.maximumMappingBytes, (try? ColumnMapping.load(from: url)) != nil else {
                throw Problem.invalid(
                    "Tệp \(name) không phải ánh xạ cột JSON / '\(name)' is not a JSON column mapping (docs/reconciliation.md)", field: field)
            }
        }
    }

    static func campaignBusy(_ active: String) -> Problem {
        Problem(
            .conflict, "reconciliation-running",
            "Chiến dịch đang có một lượt đối chiếu chưa xong\(active.isEmpty ? "" : " (\(active))"); hãy chờ hoặc hủy / the campaign already has a queued or running job\(active.isEmpty ? "" : " (\(active))"); wait for it or cancel it")
    }
}

extension Components.Schemas.ReconciliationJob {
    init(_ job: ReconciliationJob) {
        let p = job.progress
        self.init(
            id: job.id, campaignId: job.campaignID, register: job.inputs.register, source: job.inputs.source,
            registerMapping: job.inputs.registerMapping, sourceMapping: job.inputs.sourceMapping,
            state: .init(rawValue: job.state.rawValue)!, reason: job.reason,
            progress: .init(
                phase: p.phase, processed: p.processed, total: p.total, matched: p.matched, rate: p.rate, secondsLeft: p.remaining,
                elapsedSeconds: p.elapsed, staged: p.staged),
            outcome: job.outcome.map {
                .init(
                    runId: $0.runID, registerRows: $0.registerRows, sourceRows: $0.sourceRows, stored: $0.findingsStored,
                    kinds: .init(additionalProperties: $0.kinds))
            },
            attempts: job.attempts, createdBy: job.createdBy, createdAt: job.createdAt, resumedBy: job.resumedBy, startedAt: job.startedAt,
            updatedAt: job.updatedAt, finishedAt: job.finishedAt)
    }
}
