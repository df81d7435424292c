import Crypto
import Foundation
import MotCuaDomain
import SwiftASN1
// The fixed-time policy is the library's SPI for exactly this case: judging a chain at a past instant, the
// signing time, rather than at the verifier's clock.
@_spi(FixedExpiryValidationTime) import X509

/// Verifies result signatures made by ``ResultJWSSigner`` (or by any implementation following the same
/// format), trusting the provincial CA and nothing else.
///
/// The checks, each with its own ``ResultVerificationError`` reason, in order: at most 64 KiB; compact form with canonical
/// base64url; header JSON; `alg` is ES256; no `crit`; `x5c` present with two certificates, each readable; `kid` is the
/// SHA-256 thumbprint of the leaf; `sigT` present and not in the future; the chain is exactly [leaf, our CA] (the
/// CA byte for byte); the leaf may sign documents and was valid at `sigT`; the chain validates under RFC 5280
/// at `sigT` with our CA as the only root; the signature; the certificate's revocation; the payload is a
/// canonical result record; the result's revocation.
public struct ResultJWSVerifier: Sendable {
    public let authority: Certificate
    private let authorityDER: Data
    /// How far a signing time may lie ahead of the verifier's clock (clock skew between servers).
    public let allowedClockSkew: TimeInterval

    /// The longest compact JWS accepted: a result with its two-certificate chain is a few kilobytes.
    public static let maximumLength = 65_536

    public init(authority: Certificate, allowedClockSkew: TimeInterval = 300) throws {
        self.authority = authority
        self.authorityDER = try authority.derBytes
        self.allowedClockSkew = allowedClockSkew
    }

    public func verify(
        _ compact: String, revocations: RevocationSnapshot, now: Date = Date()
    ) async throws(ResultVerificationError) -> VerifiedResult {
        // The public verification page takes this from anyone: bound the work before decoding anything.
        guard compact.utf8.count <= Self.maximumLength else { throw ResultVerificationError(.tooLarge(Self.maximumLength)) }
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URLStrict.decode(parts[0]),
            let payload = Base64URLStrict.decode(parts[1]), let signatureBytes = Base64URLStrict.decode(parts[2])
        else { throw ResultVerificationError(.malformed) }

        guard let header = try? JSONDecoder().decode(ResultJWSHeader.self, from: headerBytes) else {
            throw ResultVerificationError(.unreadableHeader)
        }
        guard header.alg == ResultJWSHeader.algorithm else { throw ResultVerificationError(.unsupportedAlgorithm(header.alg)) }
        if let critical = header.crit { throw ResultVerificationError(.unsupportedCriticalHeader(critical)) }
        guard let x5c = header.x5c, !x5c.isEmpty else { throw ResultVerificationError(.missingCertificateChain) }
        // Our chains are exactly [leaf, provincial CA]; anything longer or shorter cannot end at our CA.
        guard x5c.count == 2 else { throw ResultVerificationError(.chainNotEndingAtAuthority) }
        var chainDER: [Data] = []
        var chain: [Certificate] = []
        for (index, encoded) in x5c.enumerated() {
            // x5c carries standard base64 (RFC 7515 §4.1.6), not base64url; re-encoding must give the same text.
            guard let der = Data(base64Encoded: encoded), der.base64EncodedString() == encoded,
                let certificate = try? Certificate(derEncoded: Array(der))
            else { throw ResultVerificationError(.unreadableCertificate(index: index)) }
            chainDER.append(der)
            chain.append(certificate)
        }
        let leaf = chain[0]
        let thumbprint = Base64URLStrict.encode(Data(SHA256.hash(data: chainDER[0])))
        guard header.kid == thumbprint else { throw ResultVerificationError(.unknownKeyID(header.kid ?? "")) }
        guard let signingTimeText = header.sigT, let signingTime = ResultJWSHeader.parseSigningTime(signingTimeText) else {
            throw ResultVerificationError(.missingSigningTime)
        }
        guard signingTime <= now.addingTimeInterval(allowedClockSkew) else {
            throw ResultVerificationError(.signingTimeInFuture(signingTime))
        }

        // The CA must be ours byte for byte, so a changed byte anywhere in the chain is refused even where the
        // RFC 5280 path builder would route around it.
        guard chainDER[1] == authorityDER else {
            throw ResultVerificationError(.chainNotEndingAtAuthority)
        }
        if let missing = leaf.missingDocumentSigningUsage { throw ResultVerificationError(.wrongKeyUsage(missing)) }
        guard leaf.isValid(at: signingTime) else {
            throw ResultVerificationError(.certificateNotValidAtSigningTime(
                signingTime: signingTime, notBefore: leaf.notValidBefore, notAfter: leaf.notValidAfter))
        }
        guard await chainValidates(leaf: leaf, at: signingTime) else { throw ResultVerificationError(.untrustedChain) }

        guard signatureBytes.count == 64, let publicKey = P256.Signing.PublicKey(leaf.publicKey),
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureBytes),
            publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8))
        else { throw ResultVerificationError(.badSignature) }

        if let revocation = revocations.certificateRevocation(serialHex: leaf.serialHex, signingTime: signingTime) {
            throw ResultVerificationError(.certificateRevoked(revocation))
        }
        let record: ResultRecord
        do {
            record = try ResultRecord(canonicalPayload: payload)
        } catch {
            throw ResultVerificationError(.payloadNotResult(error.description))
        }
        if let revocation = revocations.results[record.id] { throw ResultVerificationError(.resultRevoked(revocation)) }
        return VerifiedResult(record: record, signingCertificate: leaf, signingTime: signingTime)
    }

    /// RFC 5280 path validation at the signing time, with the provincial CA as the only trust anchor.
    private func chainValidates(leaf: Certificate, at signingTime: Date) async -> Bool {
        var verifier = Verifier(rootCertificates: CertificateStore([authority])) {
            RFC5280Policy(fixedExpiryValidationTime: signingTime)
        }
        guard case .validCertificate(let validated) = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
        else { return false }
        return validated.root == authority
    }
}
