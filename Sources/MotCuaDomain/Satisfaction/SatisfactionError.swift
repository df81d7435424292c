/// Why a rating or a PAKN step was refused; the HTTP edge maps each case to its problem (4xx).
public enum SatisfactionError: Error, Sendable, Hashable {
    /// A field is missing, out of bounds or not allowed (422, naming the field).
    case invalid(field: String, vi: String, en: String)
    /// No dossier with this code visible to the caller (404): someone else's dossier answers the same.
    case dossierNotFound(code: String)
    /// No petition with this id visible to the caller (404).
    case petitionNotFound(id: String)
    /// The dossier's result has not been returned yet: nothing to rate (409).
    case resultNotReturned(code: String)
    /// The dossier was already rated (409).
    case alreadyRated(code: String)
    /// The petition is not in a status that allows this step (409).
    case wrongStatus(action: String, status: PetitionStatus)
    /// The petition changed since the caller read it (409).
    case staleVersion
}
