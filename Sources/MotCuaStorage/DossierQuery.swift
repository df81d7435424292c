import Foundation
import MotCuaDomain

/// Filters of a workqueue listing. All filters combine with AND.
public struct DossierQuery: Sendable, Hashable {
    /// Which agency column scopes the listing.
    public enum Scope: Sendable, Hashable {
        /// Dossiers handled by this agency.
        case handledBy(String)
        /// Dossiers received at this agency's desk.
        case receivedAt(String)
        /// Every agency (operations centre).
        case all
    }

    public var scope: Scope
    public var statuses: [DossierStatus]
    public var step: ProcessStep?
    /// Only dossiers whose promised date is before this instant and that are still with the administration.
    public var overdueAt: Date?
    /// Only open dossiers due at or before this instant.
    public var dueBefore: Date?
    public var handlerID: String?
    public var applicantID: CitizenID?
    public var limit: Int
    public var after: DossierCursor?

    public init(
        scope: Scope, statuses: [DossierStatus] = [], step: ProcessStep? = nil, overdueAt: Date? = nil,
        dueBefore: Date? = nil, handlerID: String? = nil, applicantID: CitizenID? = nil, limit: Int = 50,
        after: DossierCursor? = nil
    ) {
        self.scope = scope
        self.statuses = statuses
        self.step = step
        self.overdueAt = overdueAt
        self.dueBefore = dueBefore
        self.handlerID = handlerID
        self.applicantID = applicantID
        self.limit = limit
        self.after = after
    }
}

/// Keyset position in a listing ordered by (submitted_at, id): stable under concurrent inserts.
public struct DossierCursor: Sendable, Hashable {
    public let submittedAtMilliseconds: Int64
    public let id: String

    public init(submittedAtMilliseconds: Int64, id: String) {
        self.submittedAtMilliseconds = submittedAtMilliseconds
        self.id = id
    }

    /// Opaque text form for the API.
    public var token: String {
        Data("\(submittedAtMilliseconds)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let ms = Int64(parts[0]), UUID(uuidString: String(parts[1])) != nil else { return nil }
        self.init(submittedAtMilliseconds: ms, id: String(parts[1]))
    }
}

/// One page of a listing.
public struct DossierPage: Sendable {
    public let items: [DossierSummary]
    public let next: DossierCursor?
}
