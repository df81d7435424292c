import Foundation
import MotCuaDomain

/// One version of a dossier's result as stored: the draft's fields and, once signed, the compact JWS that
/// is the legal document together with the facts listed and verified without decoding it.
public struct StoredResult: Sendable, Hashable {
    public var id: String
    public var dossierCode: String
    public var type: ResultType
    /// The issuing (handling) agency.
    public var agencyID: String
    public var version: Int
    public var supersedes: String?
    public var supersededBy: String?
    public var state: ResultState
    public var fields: [String: String]
    public var preparedBy: String
    public var preparedAt: Date
    public var register: ResultRegisterEntry?
    public var issuedOn: LocalDate?
    public var validUntil: LocalDate?
    public var signatory: ResultSignatory?
    public var signedAt: Date?
    public var certificateSerial: String?
    public var jws: String?
    /// The holder's name masked for the public page, computed once when the fields are set.
    public var holderMasked: String
    public var revokedAt: Date?
    public var revocationReason: String?
    public var revokedBy: String?
    public var deliveredAt: Date?
    public var paperCopy: Bool
    public var verifications: Int

    /// A new draft.
    public init(
        id: String, dossierCode: String, type: ResultType, agencyID: String, version: Int, supersedes: String?,
        fields: [String: String], preparedBy: String, preparedAt: Date, holderMasked: String
    ) {
        self.id = id
        self.dossierCode = dossierCode
        self.type = type
        self.agencyID = agencyID
        self.version = version
        self.supersedes = supersedes
        self.supersededBy = nil
        self.state = .draft
        self.fields = fields
        self.preparedBy = preparedBy
        self.preparedAt = preparedAt
        self.register = nil
        self.issuedOn = nil
        self.validUntil = nil
        self.signatory = nil
        self.signedAt = nil
        self.certificateSerial = nil
        self.jws = nil
        self.holderMasked = holderMasked
        self.revokedAt = nil
        self.revocationReason = nil
        self.revokedBy = nil
        self.deliveredAt = nil
        self.paperCopy = false
        self.verifications = 0
    }

    /// The status the public verification reports on `today` (Vietnam date).
    public func verificationStatus(today: LocalDate) -> VerificationStatus {
        switch state {
        case .draft: .unknown
        case .revoked: .revoked
        case .superseded: .superseded
        case .signed: validUntil.map { today > $0 } == true ? .expired : .valid
        }
    }
}
