import Crypto
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MotCuaDomain
import SwiftASN1
import X509

/// The province's certificate authority: an ECDSA P-256 key and its CA certificate, which issues the leaders'
/// signing certificates and signs the certificate revocation list. Result verification trusts this certificate
/// and nothing else.
///
/// For the demo it is created on first start into a directory; in production its certificate and key are
/// imported from PEM files and checked before use.
public struct ProvincialCertificateAuthority: Sendable {
    public let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    /// File names inside the demo directory.
    public static let certificateFileName = "ca.pem"
    public static let privateKeyFileName = "ca-key.pem"

    /// A new self-signed root CA, valid from `now` for `validityDays`.
    public static func create(
        commonName: String, organization: String, validityDays: Int = 3650, now: Date = Date()
    ) throws -> ProvincialCertificateAuthority {
        guard validityDays > 0 else { throw CertificateAuthorityError(.invalidValidity) }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let name = try DistinguishedName {
            CountryName("VN")
            OrganizationName(organization)
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: .random16Bytes(),
            publicKey: publicKey,
            // Backdated a minute so a verifier whose clock is slightly behind still accepts it.
            notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: now.addingTimeInterval(TimeInterval(validityDays) * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            },
            issuerPrivateKey: .init(key)
        )
        return ProvincialCertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Imports a production CA from its PEM certificate and PEM private key (SEC 1 or PKCS #8), refusing a
    /// certificate that is not a P-256 CA allowed to sign certificates and CRLs, is outside its validity at
    /// `now`, or does not belong to the key.
    public static func importPEM(
        certificatePEM: String, privateKeyPEM: String, now: Date = Date()
    ) throws(CertificateAuthorityError) -> ProvincialCertificateAuthority {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw CertificateAuthorityError(.unreadableCertificate(String(describing: error)))
        }
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw CertificateAuthorityError(.unreadablePrivateKey(String(describing: error)))
        }
        try validate(certificate, key: key, now: now)
        return ProvincialCertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Imports a production CA from its two PEM files, with the checks of ``importPEM(certificatePEM:privateKeyPEM:now:)``.
    public static func importPEM(
        certificateFile: URL, privateKeyFile: URL, now: Date = Date()
    ) throws(CertificateAuthorityError) -> ProvincialCertificateAuthority {
        let certificatePEM: String
        let privateKeyPEM: String
        do {
            certificatePEM = try String(contentsOf: certificateFile, encoding: .utf8)
            privateKeyPEM = try String(contentsOf: privateKeyFile, encoding: .utf8)
        } catch {
            throw CertificateAuthorityError(.fileSystem(String(describing: error)))
        }
        return try importPEM(certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, now: now)
    }

    /// The demo CA: loaded from `directory` when it holds one, otherwise created there (certificate and key as
    /// PEM, the key readable by the owner only). A loaded CA is validated like an imported one.
    ///
    /// Both files are written into a fresh directory that is then renamed to `directory` in one step, so two
    /// processes starting at once never see a key without its certificate: the loser of the rename loads the
    /// winner's CA.
    public static func loadOrCreate(
        directory: URL, commonName: String, organization: String, now: Date = Date()
    ) throws -> ProvincialCertificateAuthority {
        let fileManager = FileManager.default
        let certificateURL = directory.appendingPathComponent(certificateFileName)
        let keyURL = directory.appendingPathComponent(privateKeyFileName)
        if fileManager.fileExists(atPath: directory.path) {
            return try importPEM(certificateFile: certificateURL, privateKeyFile: keyURL, now: now)
        }
        let authority = try create(commonName: commonName, organization: organization, now: now)
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent)-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try SecretFile.write(Data(authority.privateKey.pemRepresentation.utf8), to: staging.appendingPathComponent(privateKeyFileName))
            try Data(try authority.certificatePEM.utf8).write(to: staging.appendingPathComponent(certificateFileName), options: .atomic)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw CertificateAuthorityError(.fileSystem(String(describing: error)))
        }
        guard rename(staging.path, directory.path) == 0 else {
            try? fileManager.removeItem(at: staging)
            // Another process created the CA first: use theirs.
            if fileManager.fileExists(atPath: certificateURL.path) {
                return try importPEM(certificateFile: certificateURL, privateKeyFile: keyURL, now: now)
            }
            throw CertificateAuthorityError(.fileSystem("cannot rename the new CA into \(directory.path) (errno \(errno))"))
        }
        return authority
    }

    /// The CA certificate in PEM, as published for offline verification.
    public var certificatePEM: String {
        get throws { try certificate.serializeAsPEM().pemString }
    }

    /// The CA key in PEM, for exporting a demo CA (e.g. to an independent implementation in tests).
    public var privateKeyPEM: String { privateKey.pemRepresentation }

    /// Issues a leader's signing certificate for a new P-256 key and returns both. The subject names the
    /// official (CN, title, serialNumber = official ID) and the agency (O), country VN; the key may only sign
    /// documents (digitalSignature + nonRepudiation, extended key usage id-kp-documentSigning).
    public func issueSigningCredential(
        for signatory: ResultSignatory, agency: ResultIssuingAgency, validityDays: Int, now: Date = Date()
    ) throws -> SigningCredential {
        let key = P256.Signing.PrivateKey()
        let certificate = try issueSigningCertificate(
            for: signatory, agency: agency, publicKey: key.publicKey, validityDays: validityDays, now: now)
        return SigningCredential(certificate: certificate, privateKey: key)
    }

    /// Issues a signing certificate for a public key whose private key lives elsewhere.
    public func issueSigningCertificate(
        for signatory: ResultSignatory, agency: ResultIssuingAgency, publicKey: P256.Signing.PublicKey,
        validityDays: Int, now: Date = Date()
    ) throws -> Certificate {
        let notAfter = now.addingTimeInterval(TimeInterval(validityDays) * 86_400)
        guard validityDays > 0, certificate.isValid(at: now), notAfter <= certificate.notValidAfter else {
            throw CertificateAuthorityError(.invalidValidity)
        }
        let officialID = signatory.officialID
        guard !officialID.isEmpty,
            let officialIDAttribute = try? RelativeDistinguishedName.Attribute(
                type: Self.serialNumberAttribute, printableString: officialID)
        else { throw CertificateAuthorityError(.invalidOfficialID(officialID)) }
        let subject = DistinguishedName([
            RelativeDistinguishedName(try .init(type: .RDNAttributeType.countryName, printableString: "VN")),
            RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: agency.name)),
            RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: signatory.name)),
            RelativeDistinguishedName(.init(type: Self.titleAttribute, utf8String: signatory.title)),
            RelativeDistinguishedName(officialIDAttribute),
        ])
        let leafPublicKey = Certificate.PublicKey(publicKey)
        return try Certificate(
            version: .v3,
            serialNumber: .random16Bytes(),
            publicKey: leafPublicKey,
            notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: notAfter,
            issuer: certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                try ExtendedKeyUsage([ExtendedKeyUsage.Usage(oid: .documentSigning)])
                SubjectKeyIdentifier(hash: leafPublicKey)
                AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier[...])
            },
            issuerPrivateKey: .init(privateKey)
        )
    }

    /// The CA's key identifier: its subject key identifier extension, or the SHA-1 of its public key bits
    /// (RFC 5280 §4.2.1.2 method 1) for an imported CA without one.
    var authorityKeyIdentifier: [UInt8] {
        if let identifier = try? certificate.extensions.subjectKeyIdentifier {
            return Array(identifier.keyIdentifier)
        }
        return Array(SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
    }

    /// X.520 title (2.5.4.12) and serialNumber (2.5.4.5), which swift-certificates names no constants for.
    static let titleAttribute: ASN1ObjectIdentifier = [2, 5, 4, 12]
    static let serialNumberAttribute: ASN1ObjectIdentifier = [2, 5, 4, 5]

    private static func validate(
        _ certificate: Certificate, key: P256.Signing.PrivateKey, now: Date
    ) throws(CertificateAuthorityError) {
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw CertificateAuthorityError(.notCertificateAuthority)
        }
        guard let usage = try? certificate.extensions.keyUsage else {
            throw CertificateAuthorityError(.missingKeyUsage("keyCertSign, cRLSign"))
        }
        guard usage.keyCertSign else { throw CertificateAuthorityError(.missingKeyUsage("keyCertSign")) }
        guard usage.cRLSign else { throw CertificateAuthorityError(.missingKeyUsage("cRLSign")) }
        guard let publicKey = P256.Signing.PublicKey(certificate.publicKey) else {
            throw CertificateAuthorityError(.notP256)
        }
        guard now >= certificate.notValidBefore else { throw CertificateAuthorityError(.notYetValid) }
        guard now <= certificate.notValidAfter else { throw CertificateAuthorityError(.expired) }
        guard publicKey.rawRepresentation == key.publicKey.rawRepresentation else {
            throw CertificateAuthorityError(.keyDoesNotMatchCertificate)
        }
    }
}
