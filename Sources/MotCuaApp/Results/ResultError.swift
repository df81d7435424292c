import MotCuaDomain

/// Why a results operation was refused. Mapped to problem details at the HTTP edge only.
enum ResultError: Error, Sendable {
    /// No result with this identifier within the caller's scope (or none at all: the two read alike).
    case notFound(id: String)
    /// The dossier's procedure does not end in an electronic result.
    case noElectronicResult(procedureCode: String)
    /// Signing was asked before the specialist prepared the result.
    case notPrepared(code: String)
    /// The applicant asked for a result that has not been delivered yet.
    case notDelivered(id: String)
    /// The leader holds no valid, unrevoked signing certificate (production issues them with `motcua signing issue`).
    case noCertificate(officialID: String)
    /// The signer refused the certificate (expired, revoked, not ours).
    case certificateUnusable(String)
    /// The result is not in a state that allows the change (already revoked, superseded, or still a draft).
    case wrongState(id: String, state: ResultState, wanted: String)
    /// The submitted fields break the result type's rules.
    case invalidFields(ResultRecordError)
    /// A submitted file is not a result signed under the provincial CA.
    case verificationFailed(String)
}
