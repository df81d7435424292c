import Crypto
import Foundation
import SwiftASN1
import X509

/// A signing credential as stored: the certificate in DER and the private key encrypted with the
/// ``KeyEncryptionKey``, bound to the certificate's serial number.
public struct SealedSigningCredential: Sendable, Hashable {
    /// Lowercase hexadecimal serial number of the certificate (the row's key).
    public let certificateSerial: String
    public let certificateDER: Data
    /// AES-256-GCM nonce ‖ ciphertext ‖ tag of the private key.
    public let sealedPrivateKey: Data

    public init(certificateSerial: String, certificateDER: Data, sealedPrivateKey: Data) {
        self.certificateSerial = certificateSerial
        self.certificateDER = certificateDER
        self.sealedPrivateKey = sealedPrivateKey
    }

    /// Encrypts `credential`'s key for storage.
    public init(sealing credential: SigningCredential, with keyEncryptionKey: KeyEncryptionKey) throws {
        let serial = credential.certificate.serialHex
        self.init(
            certificateSerial: serial,
            certificateDER: try credential.certificate.derBytes,
            sealedPrivateKey: try keyEncryptionKey.seal(credential.privateKey, certificateSerial: serial)
        )
    }

    /// Decrypts the key. The associated data is the serial read from the certificate itself, so the row's
    /// serial column cannot redirect it; a key sealed for another certificate does not open, and a key that
    /// opens but does not match the certificate is refused.
    public func open(with keyEncryptionKey: KeyEncryptionKey) throws -> SigningCredential {
        let certificate = try Certificate(derEncoded: Array(certificateDER))
        guard certificate.serialHex == certificateSerial else { throw KeyEncryptionKeyError(.certificateMismatch) }
        let key = try keyEncryptionKey.open(sealedPrivateKey, certificateSerial: certificate.serialHex)
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw KeyEncryptionKeyError(.certificateMismatch)
        }
        return SigningCredential(certificate: certificate, privateKey: key)
    }
}
