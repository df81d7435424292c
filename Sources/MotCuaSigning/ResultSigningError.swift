import Foundation

/// Why a result was not signed. Nothing is signed when any of these is thrown.
public struct ResultSigningError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case certificateNotIssuedByAuthority
        case certificateNotValid(notBefore: Date, notAfter: Date)
        case certificateRevoked(CertificateRevocation)
        case wrongKeyUsage
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .certificateNotIssuedByAuthority:
            "Chứng thư ký không do CA của tỉnh cấp / the signing certificate was not issued by the provincial CA"
        case .certificateNotValid(let notBefore, let notAfter):
            "Chứng thư ký hết hạn hoặc chưa có hiệu lực (hiệu lực \(notBefore) – \(notAfter)) / the signing certificate is expired or not yet valid (valid \(notBefore) – \(notAfter))"
        case .certificateRevoked(let revocation):
            "Chứng thư ký đã bị thu hồi lúc \(revocation.revokedAt) / the signing certificate was revoked at \(revocation.revokedAt) (reason \(revocation.reason))"
        case .wrongKeyUsage:
            "Chứng thư không được phép ký văn bản / the certificate is not allowed to sign documents"
        }
    }
}
