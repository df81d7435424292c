import Crypto
import Foundation
import MotCuaDomain
import X509

/// Signs result records as compact JWS (RFC 7515) with ES256: the payload is the record's canonical JSON, the
/// protected header is a ``ResultJWSHeader`` carrying the chain [leaf, provincial CA], and the signature is the
/// raw 64-byte r‖s of ECDSA P-256 over SHA-256 (RFC 7518 §3.4).
public struct ResultJWSSigner: Sendable {
    public let authority: Certificate
    private let authorityDER: Data

    public init(authority: Certificate) throws {
        self.authority = authority
        self.authorityDER = try authority.derBytes
    }

    /// Signs `record` with `credential` at `signingTime` (truncated to whole seconds, as `sigT` carries it),
    /// refusing a certificate that this CA did not issue, that is not a document-signing certificate, that is
    /// outside its validity or that is revoked.
    public func sign(
        _ record: ResultRecord, with credential: SigningCredential, at signingTime: Date = Date(),
        revocations: RevocationSnapshot
    ) throws -> String {
        let signingTime = Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down))
        let leaf = credential.certificate
        guard leaf.isIssued(by: authority) else { throw ResultSigningError(.certificateNotIssuedByAuthority) }
        guard leaf.missingDocumentSigningUsage == nil else { throw ResultSigningError(.wrongKeyUsage) }
        guard leaf.isValid(at: signingTime) else {
            throw ResultSigningError(.certificateNotValid(notBefore: leaf.notValidBefore, notAfter: leaf.notValidAfter))
        }
        if let revocation = revocations.certificateRevocation(serialHex: leaf.serialHex, signingTime: signingTime) {
            throw ResultSigningError(.certificateRevoked(revocation))
        }
        let header = try ResultJWSHeader.encode(
            keyID: try leaf.sha256Thumbprint, signingTime: signingTime, chain: [try leaf.derBytes, authorityDER])
        let signingInput = Base64URLStrict.encode(header) + "." + Base64URLStrict.encode(try record.canonicalPayload())
        let signature = try credential.privateKey.signature(for: Data(signingInput.utf8))
        return signingInput + "." + Base64URLStrict.encode(signature.rawRepresentation)
    }
}
