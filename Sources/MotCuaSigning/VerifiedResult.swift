import Foundation
import MotCuaDomain
import X509

/// A result whose signature, chain and revocation status all checked out.
public struct VerifiedResult: Sendable {
    public let record: ResultRecord
    /// The leader's certificate that signed it.
    public let signingCertificate: Certificate
    /// The signing time the signature states (`sigT`).
    public let signingTime: Date
}
