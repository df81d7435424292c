import Foundation
import MotCuaDomain

/// Where an update request to a national registry stands (two-way sharing).
public enum RegistryUpdateState: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its next attempt (`nextAttemptAt`): never sent, or sent without an answer (outage). Without a
    /// next attempt it is held behind an older undelivered update about the same person, parcel or registration.
    case queued
    /// Handed to the registry, answer not yet recorded. If the process stops here, the request is sent again
    /// with the same request id once its lease (`nextAttemptAt`) has passed; the registry answers a replay
    /// with its original answer.
    case sent
    /// The registry applied the update (final).
    case accepted
    /// The registry's rules refused the update, with its reason (final, never retried).
    case refused

    /// Whether nothing more will happen to the request.
    public var isFinal: Bool { self == .accepted || self == .refused }
}

/// The decision an update request comes from.
public enum RegistryUpdateOrigin: Sendable, Hashable {
    /// A data steward's decision on a reconciliation finding.
    case finding(id: String)
    /// A dossier's result (a civil-status registration, a land procedure).
    case dossier(code: String)

    /// The stored `origin_kind`.
    public var kind: String {
        switch self {
        case .finding: "finding"
        case .dossier: "dossier"
        }
    }

    /// The stored `origin_ref`: the finding's id or the dossier's code.
    public var reference: String {
        switch self {
        case .finding(let id): id
        case .dossier(let code): code
        }
    }
}

/// One update request of the outbox, with its delivery state.
public struct RegistryUpdateRequest: Sendable, Hashable {
    /// Sent as `X-Road-Id`; the registry deduplicates by it.
    public let requestID: UUID
    public let update: RegistryUpdate
    public let origin: RegistryUpdateOrigin
    /// The agency on whose behalf it is sent, if known (the dossier's, the campaign's).
    public let agencyID: String?
    /// The official whose decision caused it.
    public let requestedBy: String
    public let state: RegistryUpdateState
    /// Times it has been handed to the registry.
    public let attempts: Int
    /// When it is due (queued) or when an unrecorded send is retried (sent); nil once final.
    public let nextAttemptAt: Date?
    public let createdAt: Date
    public let updatedAt: Date
    /// The registry's reference for an accepted update (e.g. the registration number).
    public let reference: String?
    /// The registry's message: its acknowledgement, or the reason it refused the update.
    public let message: String?
    /// Why the last attempt got no answer (an outage), while it is retried.
    public let lastError: String?

    /// The database that owns the change.
    public var registry: RegistrySource { update.registry }
}

/// One state change of an update request, from its append-only log.
public struct RegistryUpdateEvent: Sendable, Hashable {
    public let sequence: Int
    public let state: RegistryUpdateState
    /// The attempt it belongs to (0 while queued for the first time).
    public let attempt: Int
    public let at: Date
    /// The registry's answer or the failure, if any.
    public let detail: String?
}
