import Foundation
import MotCuaDomain

/// A scanned component of a dossier, as stored: the checked content's facts, where it belongs, and who
/// digitised it. The bytes are in the blob store under `digest`.
public struct DigitisedDocument: Sendable, Hashable {
    /// Who digitised it: an official at the counter, or the applicant online.
    public enum ActorKind: String, Sendable, Hashable {
        case official, citizen
    }

    public var id: UUID
    public var digest: BlobDigest
    public var mediaType: DocumentMediaType
    public var size: Int
    public var pages: Int
    /// Pixel dimensions of an image; nil for a PDF.
    public var width: Int?
    public var height: Int?
    public var dossierCode: String
    /// The procedure's component code (`DocumentComponent.code`).
    public var componentCode: String
    public var digitisedByKind: ActorKind
    /// The official's account id, or the citizen's identifier.
    public var digitisedBy: String
    public var digitisedAt: Date

    public init(
        id: UUID = UUID(), digest: BlobDigest, inspection: DocumentInspection, dossierCode: String, componentCode: String,
        digitisedByKind: ActorKind, digitisedBy: String, digitisedAt: Date
    ) {
        self.id = id
        self.digest = digest
        self.mediaType = inspection.mediaType
        self.size = inspection.size
        self.pages = inspection.pages
        self.width = inspection.width
        self.height = inspection.height
        self.dossierCode = dossierCode
        self.componentCode = componentCode
        self.digitisedByKind = digitisedByKind
        self.digitisedBy = digitisedBy
        self.digitisedAt = digitisedAt
    }
}
