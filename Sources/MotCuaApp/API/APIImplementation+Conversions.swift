import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// Land and insurance campaigns: bulk conversion of old IDs through the registry outbox, and the auditors'
/// read-only listing of update requests.
extension APIImplementation {
    func applyConversions(_ input: Operations.ApplyConversions.Input) async throws -> Operations.ApplyConversions.Output {
        let granted = try steward(.applyConversions)
        try await requireCampaign(input.path.id, for: granted)
        guard case .json(let body) = input.body else { throw Problem.invalid("expected JSON") }
        guard let target = ConversionTarget(rawValue: body.update.rawValue) else {
            throw Problem.invalid("Loại cập nhật không hỗ trợ / unsupported 'update'", field: "update")
        }
        let limit = body.limit ?? 100_000
        guard (1...1_000_000).contains(limit) else {
            throw Problem.invalid("'limit' phải từ 1 đến 1.000.000 / 'limit' must be 1–1,000,000", field: "limit")
        }
        let summary: ConversionSummary
        do {
            summary = try await worklist.applyConversions(
                campaignID: input.path.id, target: target, by: granted.principal.officialID, limit: limit, at: now())
        } catch WorklistError.campaignNotFound {
            throw Problem.notFound("Không có chiến dịch \(input.path.id) / no campaign \(input.path.id)")
        }
        return .ok(.init(body: .json(.init(
            campaignId: input.path.id, update: target.rawValue, examined: summary.examined, queued: summary.queued,
            leftForReview: summary.leftForReview, chunks: summary.chunks, complete: summary.complete))))
    }

    func listRegistryUpdates(_ input: Operations.ListRegistryUpdates.Input) async throws -> Operations.ListRegistryUpdates.Output {
        let (principal, scope) = try official(.listRegistryUpdates)
        let filter = RegistryOutboxFilter(
            state: input.query.state.flatMap { RegistryUpdateState(rawValue: $0.rawValue) },
            registry: input.query.registry.flatMap { RegistrySource(rawValue: $0.rawValue) }, campaignID: input.query.campaign,
            agencyID: scope == .province ? nil : principal.agencyID)
        let limit = input.query.limit ?? 100
        let entries = try await worklist.registryOutbox.list(filter, after: input.query.after, limit: limit)
        let items = entries.map { entry in
            Components.Schemas.RegistryUpdateListing(
                request: .init(entry.request), originKind: entry.request.origin.kind == "dossier" ? .dossier : .finding,
                originRef: entry.request.origin.reference, campaignId: entry.campaignID, agencyId: entry.request.agencyID,
                requestedBy: entry.request.requestedBy)
        }
        return .ok(.init(body: .json(.init(items: items, next: entries.count == limit ? entries.last?.request.requestID.lowercasedText : nil))))
    }
}
