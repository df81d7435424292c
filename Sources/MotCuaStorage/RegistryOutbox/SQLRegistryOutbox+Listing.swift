import Crypto
import Foundation
import MotCuaDomain
import SQLKit

/// Which update requests an auditor's listing shows.
public struct RegistryOutboxFilter: Sendable, Hashable {
    public var state: RegistryUpdateState?
    public var registry: RegistrySource?
    /// Requests caused by decisions on this campaign's findings.
    public var campaignID: String?
    /// Requests sent on behalf of this agency; nil for every agency.
    public var agencyID: String?

    public init(state: RegistryUpdateState? = nil, registry: RegistrySource? = nil, campaignID: String? = nil, agencyID: String? = nil) {
        self.state = state
        self.registry = registry
        self.campaignID = campaignID
        self.agencyID = agencyID
    }
}

/// An update request as an auditor's listing shows it: with the campaign of the finding that caused it.
public struct RegistryOutboxEntry: Sendable, Hashable {
    public let request: RegistryUpdateRequest
    /// The campaign of the finding behind the request; nil for a dossier's request.
    public let campaignID: String?
}

extension SQLRegistryOutbox {
    /// The request id of a finding's bulk conversion: a name-based UUID (version 5, SHA-1, RFC 9562 §5.5) of the
    /// finding's id, so applying a campaign's conversions again names the same requests and queues nothing new.
    public static func conversionRequestID(findingID: String) -> UUID {
        var hasher = Insecure.SHA1()
        hasher.update(data: Self.conversionNamespace)
        hasher.update(data: Data(findingID.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// The namespace of bulk-conversion request ids (a fixed random UUID's bytes).
    static let conversionNamespace = Data([
        0x6D, 0x2F, 0x1B, 0x8E, 0x4A, 0x37, 0x4C, 0x21, 0x9B, 0x52, 0x0E, 0x7D, 0xC4, 0x18, 0xA3, 0x65,
    ])

    /// A page of update requests, in request-id order after `after`, read-only (the auditors' listing).
    public func list(_ filter: RegistryOutboxFilter, after: String?, limit: Int) async throws -> [RegistryOutboxEntry] {
        let limit = max(1, min(limit, 500))
        return try await store.read { database in
            var sql = SQLQueryString(
                """
                SELECT o.*, f.campaign_id AS finding_campaign FROM registry_outbox o \
                LEFT JOIN findings f ON o.origin_kind = 'finding' AND f.id = o.origin_ref WHERE 1 = 1
                """)
            if let state = filter.state {
                sql.appendInterpolation(unsafeRaw: " AND o.state = ")
                sql.appendInterpolation(bind: state.rawValue)
            }
            if let registry = filter.registry {
                sql.appendInterpolation(unsafeRaw: " AND o.registry = ")
                sql.appendInterpolation(bind: registry.rawValue)
            }
            if let campaignID = filter.campaignID {
                sql.appendInterpolation(unsafeRaw: " AND f.campaign_id = ")
                sql.appendInterpolation(bind: campaignID)
            }
            if let agencyID = filter.agencyID {
                sql.appendInterpolation(unsafeRaw: " AND o.agency_id = ")
                sql.appendInterpolation(bind: agencyID)
            }
            if let after {
                sql.appendInterpolation(unsafeRaw: " AND o.request_id > ")
                sql.appendInterpolation(bind: after)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY o.request_id LIMIT \(limit)")
            return try await database.raw(sql).all().map { row in
                RegistryOutboxEntry(request: try Self.request(row), campaignID: try row.decode(column: "finding_campaign", as: String?.self))
            }
        }
    }
}
