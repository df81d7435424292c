import Foundation

/// A level of the national five-level satisfaction scale ("Rất hài lòng … Rất không hài lòng"), as the
/// ministries' public-service portals ask it; the labels and their source are in `satisfaction-rules.json`.
public enum SatisfactionLevel: Int, Sendable, Codable, CaseIterable, Hashable {
    case veryDissatisfied = 1
    case dissatisfied = 2
    case neutral = 3
    case satisfied = 4
    case verySatisfied = 5

    /// Whether the rating counts as a "dislike" for indicator 5.4: the two dissatisfied levels. The national
    /// portal counts likes and dislikes; mapping the five levels onto them this way is a rule chosen here [U].
    public var isDislike: Bool { self == .veryDissatisfied || self == .dissatisfied }
}

/// Where a rating was given: on the citizen portal, or on the counter's tablet page at the desk.
public enum RatingChannel: String, Sendable, Codable, Hashable {
    case online
    case counter
}

/// The applicant's rating of the service for one dossier whose result was returned: at most one per dossier.
public struct DossierRating: Sendable, Hashable {
    public let dossierCode: String
    /// The agency that handled the dossier (what the rating is about, for group 5 per agency).
    public let agencyID: String
    public let level: SatisfactionLevel
    public let comment: String?
    public let channel: RatingChannel
    /// Who recorded it: the citizen's own session (`citizen`) or the reception officer whose tablet it was.
    public let recordedBy: String
    public let ratedAt: Date

    public init(
        dossierCode: String, agencyID: String, level: SatisfactionLevel, comment: String?, channel: RatingChannel, recordedBy: String,
        ratedAt: Date
    ) {
        self.dossierCode = dossierCode
        self.agencyID = agencyID
        self.level = level
        self.comment = comment
        self.channel = channel
        self.recordedBy = recordedBy
        self.ratedAt = ratedAt
    }
}
