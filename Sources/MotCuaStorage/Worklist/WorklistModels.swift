import Foundation

/// A data-cleaning campaign (e.g. "90-day marriage review"): a named worklist of findings.
public struct Campaign: Sendable, Hashable {
    public let id: String
    public let name: String
    public let description: String?
    public let createdBy: String
    public let createdAt: Date
    /// The agency whose stewards work on it; nil for a province-level campaign (created from the command
    /// line), which only provincial stewards see.
    public let agencyID: String?
}

/// How far a campaign has got.
public struct CampaignProgress: Sendable, Hashable {
    public let campaign: Campaign
    public let total: Int
    public let open: Int
    public let accepted: Int
    public let edited: Int
    public let rejected: Int

    /// Findings a steward has decided.
    public var reviewed: Int { total - open }
    /// Findings whose correction stands (accepted as found, or edited).
    public var corrected: Int { accepted + edited }
}

/// Where a finding stands in the worklist.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable {
    case open
    case accepted
    case rejected
    case edited
}

/// One reconciliation finding to store: the summary columns and the finding itself as JSON.
public struct FindingInput: Sendable, Hashable {
    public let sourceRecordID: String
    public let sourceLine: Int
    /// Every kind of the finding; the first is used to file it in the worklist.
    public let kinds: [String]
    public let citizenID: String?
    public let automatic: Bool
    /// The complete finding (evidence, discrepancies, scores) as a JSON object.
    public let payload: String

    public init(sourceRecordID: String, sourceLine: Int, kinds: [String], citizenID: String?, automatic: Bool, payload: String) {
        self.sourceRecordID = sourceRecordID
        self.sourceLine = sourceLine
        self.kinds = kinds
        self.citizenID = citizenID
        self.automatic = automatic
        self.payload = payload
    }
}

/// A stored finding with its review state.
public struct StoredFinding: Sendable, Hashable {
    public let id: String
    public let runID: String
    public let campaignID: String
    public let sourceRecordID: String
    public let sourceLine: Int
    public let kind: String
    public let kinds: [String]
    public let citizenID: String?
    public let automatic: Bool
    public let payload: String
    public let status: FindingStatus
    /// Field → corrected value, when a steward edited the proposed correction.
    public let correction: [String: String]?
    public let decidedBy: String?
    public let decidedAt: Date?
    /// The second steward who confirmed the correction; only confirmed corrections are exported.
    public let confirmedBy: String?
    public let confirmedAt: Date?
    public let version: Int
}

/// A steward's decision on a finding.
public enum FindingDecision: Sendable, Hashable {
    case accept(note: String?)
    case reject(reason: String)
    case edit(correction: [String: String], note: String?)
    /// A second steward agrees with an accepted or edited correction (four eyes): only then is it exported.
    case confirm(note: String?)

    /// The finding's status after the decision; nil when it keeps its status (a confirmation).
    var status: FindingStatus? {
        switch self {
        case .accept: .accepted
        case .reject: .rejected
        case .edit: .edited
        case .confirm: nil
        }
    }

    var name: String { status?.rawValue ?? "confirmed" }

    /// Whether the decision makes a correction stand (accepted as found, or edited), so that it is sent on to
    /// the registry that owns the data.
    public var sendsCorrection: Bool {
        switch self {
        case .accept, .edit: true
        case .reject, .confirm: false
        }
    }
}

/// One entry of a finding's append-only decision log.
public struct FindingDecisionRecord: Sendable, Hashable {
    public let findingID: String
    public let sequence: Int
    public let decision: String
    public let reason: String?
    public let correction: [String: String]?
    public let actorID: String
    public let at: Date
}

/// Why a worklist operation was refused.
public enum WorklistError: Error, Sendable, Equatable {
    case campaignNotFound
    case findingNotFound
    /// Someone decided the finding since the caller loaded it.
    case staleVersion(current: Int)
    case invalid(String)
    /// Another agency's campaign already has this name (names are unique across the province).
    case nameTaken
    /// Only an accepted or edited correction can be confirmed.
    case nothingToConfirm
    /// The steward who decided a correction cannot also confirm it.
    case confirmationBySameSteward
    /// A run's findings arrive as a stream that can be read once; the write batch holding it had to be rerun.
    case runStreamNotRepeatable
}
