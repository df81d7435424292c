import Foundation

/// Who is asking a national database, and why: sent with every request as X-Road-style metadata
/// (anchors.md §3.1) and written to the access log the person can read.
public struct RegistryCallContext: Sendable, Hashable {
    /// Why the data is needed.
    public enum Purpose: Sendable, Hashable {
        /// Handling a dossier, by its code.
        case dossier(code: String)
        /// Identifying a person at the counter before a dossier exists; the text says for which procedure.
        case counterLookup(note: String)
        /// Checking health-insurance status (hospitals, insurance procedures).
        case insuranceCheck(note: String)
        /// A bulk job such as a reconciliation campaign, by its identifier.
        case bulkJob(id: String)
        /// Completing registry look-ups that failed earlier (background retry), for a dossier.
        case verificationRetry(dossierCode: String)
        /// A citizen looking at their own data.
        case selfService

        /// The value of `X-Road-Issue`.
        public var issue: String {
            switch self {
            case .dossier(let code): code
            case .counterLookup(let note): "counter:" + note
            case .insuranceCheck(let note): "insurance:" + note
            case .bulkJob(let id): "bulk:" + id
            case .verificationRetry(let code): code
            case .selfService: "self-service"
            }
        }
    }

    /// The requesting agency's identifier in the national catalogue (e.g. "000.60.99.H10"), `X-Road-Client`.
    public var agencyIdentifier: String
    /// The official's account, or "citizen:…" or "system", `X-Road-UserId`.
    public var userID: String
    public var purpose: Purpose
    /// Unique per call, `X-Road-Id`, so a request can be traced on both sides.
    public var requestID: UUID

    public init(agencyIdentifier: String, userID: String, purpose: Purpose, requestID: UUID = UUID()) {
        self.agencyIdentifier = agencyIdentifier
        self.userID = userID
        self.purpose = purpose
        self.requestID = requestID
    }
}
