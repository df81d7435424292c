import Crypto
import X509

/// A leader's signing certificate with its private key, in memory only while signing. At rest the key is
/// kept as a ``SealedSigningCredential``.
public struct SigningCredential: Sendable {
    public let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }
}
