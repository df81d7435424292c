import Foundation
import MotCuaDomain

/// Why a result signature was refused, one reason per check, in the order ``ResultJWSVerifier`` runs them.
/// Messages are safe to show on the public verification page.
public struct ResultVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Longer than ``ResultJWSVerifier/maximumLength`` bytes.
        case tooLarge(Int)
        /// Not three base64url parts (or an encoding that is not the canonical one).
        case malformed
        case unreadableHeader
        case unsupportedAlgorithm(String)
        case unsupportedCriticalHeader([String])
        case missingCertificateChain
        case unreadableCertificate(index: Int)
        case unknownKeyID(String)
        case missingSigningTime
        case signingTimeInFuture(Date)
        case chainNotEndingAtAuthority
        case certificateNotValidAtSigningTime(signingTime: Date, notBefore: Date, notAfter: Date)
        case wrongKeyUsage(String)
        case untrustedChain
        case badSignature
        case certificateRevoked(CertificateRevocation)
        case payloadNotResult(String)
        case resultRevoked(ResultRevocation)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .tooLarge(let limit):
            "Chữ ký dài quá \(limit) byte / the JWS is longer than \(limit) bytes"
        case .malformed:
            "Chữ ký không đúng dạng JWS compact / not a compact JWS (three base64url parts)"
        case .unreadableHeader:
            "Không đọc được phần đầu JWS / the JWS header is not a JSON object with a string alg"
        case .unsupportedAlgorithm(let alg):
            "Thuật toán \(alg) không được chấp nhận, chỉ ES256 / algorithm \(alg) is refused, only ES256 is accepted"
        case .unsupportedCriticalHeader(let names):
            "Tham số crit không được hỗ trợ: \(names.joined(separator: ", ")) / unsupported critical header parameters"
        case .missingCertificateChain:
            "Thiếu chuỗi chứng thư x5c / the header has no x5c certificate chain"
        case .unreadableCertificate(let index):
            "Chứng thư thứ \(index) trong x5c không đọc được / certificate \(index) in x5c is not a DER certificate"
        case .unknownKeyID(let kid):
            "kid \"\(kid)\" không chỉ chứng thư ký trong x5c / kid \"\(kid)\" does not name the signing certificate in x5c"
        case .missingSigningTime:
            "Thiếu thời điểm ký sigT / the header has no readable signing time sigT"
        case .signingTimeInFuture(let instant):
            "Thời điểm ký \(instant) ở tương lai / the signing time \(instant) is in the future"
        case .chainNotEndingAtAuthority:
            "Chuỗi chứng thư không kết thúc ở CA của tỉnh / the certificate chain does not end at the provincial CA"
        case .certificateNotValidAtSigningTime(let signingTime, let notBefore, let notAfter):
            "Chứng thư ký không có hiệu lực lúc ký \(signingTime) (hiệu lực \(notBefore) – \(notAfter)) / the signing certificate was not valid at the signing time"
        case .wrongKeyUsage(let usage):
            "Chứng thư ký thiếu mục đích \(usage) / the signing certificate lacks \(usage)"
        case .untrustedChain:
            "Chứng thư ký không được CA của tỉnh xác thực / the signing certificate does not validate against the provincial CA"
        case .badSignature:
            "Chữ ký không khớp nội dung / the signature does not match the header and payload"
        case .certificateRevoked(let revocation):
            "Chứng thư ký đã bị thu hồi lúc \(revocation.revokedAt) / the signing certificate was revoked at \(revocation.revokedAt) (reason \(revocation.reason))"
        case .payloadNotResult(let detail):
            "Nội dung đã ký không phải kết quả hợp lệ / the signed payload is not a canonical result record: \(detail)"
        case .resultRevoked(let revocation):
            "Kết quả \(revocation.resultID) đã bị thu hồi lúc \(revocation.revokedAt): \(revocation.reason) / result \(revocation.resultID) was revoked at \(revocation.revokedAt): \(revocation.reason)"
        }
    }
}
