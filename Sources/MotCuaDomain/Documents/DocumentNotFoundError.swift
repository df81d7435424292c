/// No such scanned document in the dossier (or the dossier is outside the caller's scope). HTTP 404.
public struct DocumentNotFoundError: Error, Sendable, Hashable {
    public let dossierCode: String
    public let documentID: String

    public init(dossierCode: String, documentID: String) {
        self.dossierCode = dossierCode
        self.documentID = documentID
    }
}
