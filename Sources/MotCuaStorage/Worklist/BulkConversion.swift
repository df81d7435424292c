import Foundation
import MotCuaDomain

/// The registry update a campaign's bulk conversion sends for each automatic, ID-linked old-ID conversion.
public enum ConversionTarget: String, Sendable, Hashable, CaseIterable {
    /// A land campaign: the parcel (the record's id) names the holder by the old ID the record carried.
    case landOwner = "convert_land_owner"
    /// An insurance campaign: the participant's record is re-keyed from the old ID to the citizen ID.
    case insuranceHolder = "convert_insurance_holder"

    /// The update for one finding, or nil when the finding cannot be converted without a steward: not linked
    /// automatically by its own old ID through the register's crosswalk, also a duplicate of an earlier record,
    /// or (land) a record id that is not a parcel id `<commune code>-<sheet>-<number>`.
    func update(for finding: ConversionCandidate) -> RegistryUpdate? {
        guard finding.automatic, finding.method == "legacy_id", finding.kinds.contains("legacy_id_conversion"),
            !finding.kinds.contains("duplicate_in_source"), !finding.kinds.contains("id_points_at_another_person"),
            let recorded = finding.recordedID.flatMap(LegacyID.init), let citizen = finding.citizenID.flatMap({ try? CitizenID($0) })
        else { return nil }
        switch self {
        case .landOwner:
            guard Self.isParcelID(finding.sourceRecordID) else { return nil }
            return .convertLandOwner(parcelID: finding.sourceRecordID, legacyID: recorded)
        case .insuranceHolder:
            return .convertInsuranceHolder(citizen)
        }
    }

    /// `<5-digit commune code>-<sheet>-<number>`, e.g. "07444-3-127".
    static func isParcelID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 5 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.count <= 9 && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

/// What a stored finding says about the link, read from its payload (the engine's finding as JSON).
struct ConversionCandidate: Decodable, Sendable {
    var sourceRecordID: String
    var kinds: [String]
    var method: String
    var automatic: Bool
    var citizenID: String?
    var recordedID: String?
}

/// What one bulk conversion call did.
public struct ConversionSummary: Sendable, Hashable {
    /// Open old-ID conversion findings looked at.
    public var examined = 0
    /// Update requests queued (one per finding, each finding accepted in the same transaction).
    public var queued = 0
    /// Findings left open for a steward: not ID-linked, duplicates, or not naming a parcel.
    public var leftForReview = 0
    /// Transactions written (each all or nothing).
    public var chunks = 0
    /// Whether the whole campaign was looked at; false when the call stopped at its limit (call again to go on).
    public var complete = false

    public init() {}
}
