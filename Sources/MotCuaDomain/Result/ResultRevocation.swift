import Foundation

/// The withdrawal of a signed result: which result, why (shown on the verification page) and when.
/// A revoked result stays on record; verifying it reports the revocation.
public struct ResultRevocation: Sendable, Codable, Hashable {
    public let resultID: String
    public let reason: String
    public let revokedAt: Date

    public init(resultID: String, reason: String, revokedAt: Date) throws(ResultRecordError) {
        guard !resultID.isEmpty else { throw ResultRecordError(.emptyField("resultID")) }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ResultRecordError(.emptyField("reason"))
        }
        self.resultID = resultID
        self.reason = reason
        self.revokedAt = revokedAt
    }
}
