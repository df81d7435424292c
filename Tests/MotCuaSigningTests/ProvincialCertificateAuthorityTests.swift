import Crypto
import Foundation
import MotCuaDomain
@testable import MotCuaSigning
import SwiftASN1
import Testing
import X509

@Suite struct ProvincialCertificateAuthorityTests {
    @Test("a created CA is a self-signed P-256 CA allowed to sign certificates and CRLs")
    func createsRootCA() throws {
        let authority = try SigningFixture().authority
        let certificate = authority.certificate
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        #expect(try certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let usage = try #require(try certificate.extensions.keyUsage)
        #expect(usage.keyCertSign && usage.cRLSign && !usage.digitalSignature)
        #expect(P256.Signing.PublicKey(certificate.publicKey) != nil)
    }

    @Test("a CA exported as PEM imports again")
    func importsPEM() throws {
        let authority = try SigningFixture().authority
        let imported = try ProvincialCertificateAuthority.importPEM(
            certificatePEM: try authority.certificatePEM, privateKeyPEM: authority.privateKeyPEM, now: SigningFixture.now)
        #expect(imported.certificate == authority.certificate)
    }

    @Test("import refuses a leaf, a CA without cRLSign, a P-384 CA, an expired CA and a key of another CA")
    func importRefusesUnfitCertificates() throws {
        let fixture = try SigningFixture()
        let now = SigningFixture.now
        let other = try SigningFixture().authority
        func importing(_ certificate: Certificate, _ keyPEM: String, at instant: Date = now) throws {
            _ = try ProvincialCertificateAuthority.importPEM(
                certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: keyPEM, now: instant)
        }
        #expect(throws: CertificateAuthorityError(.notCertificateAuthority)) {
            try importing(fixture.credential.certificate, fixture.credential.privateKey.pemRepresentation)
        }
        let p256 = P256.Signing.PrivateKey()
        #expect(throws: CertificateAuthorityError(.missingKeyUsage("cRLSign"))) {
            try importing(try selfSigned(key: .init(p256), usage: KeyUsage(keyCertSign: true)), p256.pemRepresentation)
        }
        let p384 = P384.Signing.PrivateKey()
        #expect(throws: CertificateAuthorityError(.notP256)) {
            try importing(try selfSigned(key: .init(p384), usage: KeyUsage(keyCertSign: true, cRLSign: true), algorithm: .ecdsaWithSHA384), p256.pemRepresentation)
        }
        #expect(throws: CertificateAuthorityError(.expired)) {
            try importing(fixture.authority.certificate, fixture.authority.privateKeyPEM, at: now.addingTimeInterval(3651 * 86_400))
        }
        #expect(throws: CertificateAuthorityError(.notYetValid)) {
            try importing(fixture.authority.certificate, fixture.authority.privateKeyPEM, at: now.addingTimeInterval(-86_400))
        }
        #expect(throws: CertificateAuthorityError(.keyDoesNotMatchCertificate)) {
            try importing(fixture.authority.certificate, other.privateKeyPEM)
        }
        #expect(throws: CertificateAuthorityError.self) {
            _ = try ProvincialCertificateAuthority.importPEM(certificatePEM: "not pem", privateKeyPEM: other.privateKeyPEM)
        }
    }

    @Test("the demo CA is created once in its directory, its key readable by the owner only, and loaded afterwards")
    func loadOrCreate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-ca-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try ProvincialCertificateAuthority.loadOrCreate(directory: directory, commonName: "CA", organization: "UBND")
        let loaded = try ProvincialCertificateAuthority.loadOrCreate(directory: directory, commonName: "CA", organization: "UBND")
        #expect(loaded.certificate == created.certificate)
        // A directory holding the certificate but not the key is refused, not silently replaced.
        try FileManager.default.removeItem(at: directory.appendingPathComponent(ProvincialCertificateAuthority.privateKeyFileName))
        #expect(throws: CertificateAuthorityError.self) {
            try ProvincialCertificateAuthority.loadOrCreate(directory: directory, commonName: "CA", organization: "UBND")
        }
        try SecretFile.write(Data(created.privateKeyPEM.utf8), to: directory.appendingPathComponent("ca-key.pem"))
        let keyPath = directory.appendingPathComponent(ProvincialCertificateAuthority.privateKeyFileName).path
        let permissions = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a leader's certificate names the official and agency, may only sign documents, has a random 16-byte serial")
    func issuesSigningCertificates() throws {
        let fixture = try SigningFixture()
        let leaf = fixture.credential.certificate
        #expect(leaf.serialNumber.bytes.count == 16)
        #expect(leaf.issuer == fixture.authority.certificate.subject)
        #expect(fixture.authority.certificate.publicKey.isValidSignature(leaf.signature, for: leaf))
        let subject = leaf.subject.description
        #expect(subject.contains("CN=Nguyễn Văn An") && subject.contains("O=Ủy ban nhân dân xã Tiên Du"))
        #expect(subject.contains("C=VN"))
        let usage = try #require(try leaf.extensions.keyUsage)
        #expect(usage.digitalSignature && usage.nonRepudiation && !usage.keyCertSign)
        #expect(leaf.missingDocumentSigningUsage == nil)
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(leaf.notValidAfter == SigningFixture.now.addingTimeInterval(365 * 86_400))
        let second = try fixture.authority.issueSigningCredential(
            for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 30, now: SigningFixture.now)
        #expect(second.certificate.serialNumber != leaf.serialNumber)
    }

    @Test("a certificate outliving the CA, a non-positive validity or an official ID outside PrintableString is refused")
    func refusesBadIssuance() throws {
        let authority = try SigningFixture().authority
        #expect(throws: CertificateAuthorityError(.invalidValidity)) {
            try authority.issueSigningCredential(
                for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 4000, now: SigningFixture.now)
        }
        #expect(throws: CertificateAuthorityError(.invalidValidity)) {
            try authority.issueSigningCredential(
                for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 0, now: SigningFixture.now)
        }
        #expect(throws: CertificateAuthorityError(.invalidOfficialID("CB_Đ1"))) {
            try authority.issueSigningCredential(
                for: ResultSignatory(name: "A", officialID: "CB_Đ1", title: "B"), agency: SigningFixture.agency,
                validityDays: 30, now: SigningFixture.now)
        }
    }

    private func selfSigned(
        key: Certificate.PrivateKey, usage: KeyUsage, algorithm: Certificate.SignatureAlgorithm = .ecdsaWithSHA256
    ) throws -> Certificate {
        let name = try DistinguishedName { CommonName("Test CA") }
        return try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey, notValidBefore: SigningFixture.now - 60,
            notValidAfter: SigningFixture.now + 86_400, issuer: name, subject: name,
            signatureAlgorithm: algorithm,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(usage)
            },
            issuerPrivateKey: key)
    }
}
