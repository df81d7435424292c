import Crypto
import Foundation
import MotCuaDomain
import SwiftASN1
import X509

extension ASN1ObjectIdentifier {
    /// id-kp-documentSigning (RFC 9336): the extended key usage for signing human-readable documents.
    static let documentSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 36]
    /// ecdsa-with-SHA256 (RFC 5758 §3.2).
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
}

extension Certificate {
    /// The DER encoding, the bytes `x5c` carries and the thumbprint covers.
    public var derBytes: Data {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(self)
            return Data(serializer.serializedBytes)
        }
    }

    /// The SHA-256 thumbprint of the DER encoding, base64url without padding (the JOSE `x5t#S256` value);
    /// result signatures use it as `kid`.
    public var sha256Thumbprint: String {
        get throws { Base64URLStrict.encode(Data(SHA256.hash(data: try derBytes))) }
    }

    /// The serial number as lowercase hexadecimal without separators, the key of revocation entries.
    public var serialHex: String {
        Hex.encode(serialNumber.bytes)
    }

    /// Whether `instant` lies within the certificate's validity period (both ends included, as RFC 5280 says).
    func isValid(at instant: Date) -> Bool {
        notValidBefore <= instant && instant <= notValidAfter
    }
}

extension Certificate.SerialNumber {
    /// 16 bytes from the system's cryptographic generator, the first byte kept in 0x01...0x7F so the DER integer
    /// is positive and exactly 16 bytes long.
    static func random16Bytes() -> Self {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[0] = UInt8.random(in: 0x01...0x7F, using: &generator)
        return Self(bytes: bytes)
    }
}

extension Certificate {
    /// The first usage a document-signing certificate lacks (digitalSignature key usage, id-kp-documentSigning
    /// extended key usage), or `nil` when it has both.
    var missingDocumentSigningUsage: String? {
        guard let usage = try? extensions.keyUsage, usage.digitalSignature else { return "keyUsage digitalSignature" }
        guard let extended = try? extensions.extendedKeyUsage,
            extended.contains(ExtendedKeyUsage.Usage(oid: .documentSigning))
        else { return "extendedKeyUsage id-kp-documentSigning" }
        return nil
    }

    /// Whether `issuer` signed this certificate.
    func isIssued(by issuer: Certificate) -> Bool {
        self.issuer == issuer.subject && issuer.publicKey.isValidSignature(signature, for: self)
    }
}
