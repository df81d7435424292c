/// Why a certificate authority could not be created, imported or used, or a signing certificate not issued.
/// Messages name the rule that failed and carry no key material.
public struct CertificateAuthorityError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadableCertificate(String)
        case unreadablePrivateKey(String)
        case notCertificateAuthority
        case missingKeyUsage(String)
        case notP256
        case notYetValid
        case expired
        case keyDoesNotMatchCertificate
        case invalidOfficialID(String)
        case invalidValidity
        case fileSystem(String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .unreadableCertificate(let detail):
            "Không đọc được chứng thư số CA (PEM) / the CA certificate is not a readable PEM certificate: \(detail)"
        case .unreadablePrivateKey(let detail):
            "Không đọc được khóa bí mật CA (PEM) / the CA private key is not a readable PEM P-256 key: \(detail)"
        case .notCertificateAuthority:
            "Chứng thư không có ràng buộc cơ bản CA=true / the certificate lacks basic constraints CA=true"
        case .missingKeyUsage(let usage):
            "Chứng thư CA thiếu mục đích sử dụng khóa \(usage) / the CA certificate's key usage lacks \(usage)"
        case .notP256:
            "Khóa của chứng thư CA không phải ECDSA P-256 / the CA certificate's key is not ECDSA P-256"
        case .notYetValid:
            "Chứng thư CA chưa có hiệu lực / the CA certificate is not valid yet"
        case .expired:
            "Chứng thư CA đã hết hạn / the CA certificate has expired"
        case .keyDoesNotMatchCertificate:
            "Khóa bí mật không khớp chứng thư CA / the private key does not belong to the CA certificate"
        case .invalidOfficialID(let id):
            "Mã cán bộ \"\(id)\" phải gồm chữ, số, dấu cách hoặc '()+,-./:=? (PrintableString) / the official ID must be a non-empty PrintableString"
        case .invalidValidity:
            "Thời hạn chứng thư phải dương và nằm trong thời hạn của CA / the validity must be positive and within the CA's own validity"
        case .fileSystem(let detail):
            "Lỗi đọc/ghi tệp CA / CA file error: \(detail)"
        }
    }
}
