import Foundation
import MotCuaDomain
@testable import MotCuaSigning
import SwiftASN1
import Testing
import X509

@Suite(.enabled(if: ExternalTool.opensslReady || ExternalTool.isCI, "openssl is not installed"))
struct CertificateRevocationListTests {
    @Test("openssl verifies the CRL's signature and reads its entries, reasons and extensions, as PEM and as DER")
    func opensslReadsCRL() throws {
        let fixture = try SigningFixture(now: Date())
        let tool = try ExternalTool()
        defer { tool.remove() }
        let second = try fixture.authority.issueSigningCredential(
            for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 30)
        let crl = try CertificateRevocationList(
            authority: fixture.authority,
            revocations: [
                CertificateRevocation(serialHex: fixture.credential.certificate.serialHex, reason: .keyCompromise, revokedAt: Date()),
                CertificateRevocation(serialHex: second.certificate.serialHex, reason: .unspecified, revokedAt: Date()),
            ],
            number: 7, thisUpdate: Date(), nextUpdate: Date().addingTimeInterval(86_400))
        try tool.write(try fixture.authority.certificatePEM, to: "ca.pem")
        try tool.write(crl.pemString, to: "crl.pem")
        try tool.write(crl.derBytes, to: "crl.der")

        let verified = try tool.run(["openssl", "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect((verified.standardOutput + verified.standardError).contains("verify OK"))
        let text = try tool.run(["openssl", "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text"])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("Version 2"))
        #expect(text.standardOutput.contains("X509v3 CRL Number"))
        #expect(text.standardOutput.contains("X509v3 Authority Key Identifier"))
        #expect(text.standardOutput.contains("Key Compromise"))
        #expect(text.standardOutput.uppercased().contains(fixture.credential.certificate.serialHex.uppercased()))
        #expect(text.standardOutput.uppercased().contains(second.certificate.serialHex.uppercased()))

        // A CRL signed by another CA does not verify against ours.
        let foreign = try CertificateRevocationList(
            authority: try SigningFixture(now: Date()).authority, revocations: [], number: 1, thisUpdate: Date(),
            nextUpdate: Date().addingTimeInterval(86_400))
        try tool.write(foreign.pemString, to: "foreign.pem")
        let refused = try tool.run(["openssl", "crl", "-in", "foreign.pem", "-CAfile", "ca.pem", "-noout", "-verify"])
        #expect(!(refused.standardOutput + refused.standardError).contains("verify OK"))
    }

    @Test("openssl verify with the CRL refuses a revoked leaf and accepts another, and accepts an empty CRL")
    func opensslChecksRevocation() throws {
        let fixture = try SigningFixture(now: Date())
        let tool = try ExternalTool()
        defer { tool.remove() }
        let other = try fixture.authority.issueSigningCredential(
            for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 30)
        try tool.write(try fixture.authority.certificatePEM, to: "ca.pem")
        try tool.write(try fixture.credential.certificate.serializeAsPEM().pemString, to: "revoked.pem")
        try tool.write(try other.certificate.serializeAsPEM().pemString, to: "good.pem")
        let crl = try CertificateRevocationList(
            authority: fixture.authority,
            revocations: [CertificateRevocation(
                serialHex: fixture.credential.certificate.serialHex, reason: .superseded, revokedAt: Date())],
            number: 2, thisUpdate: Date(), nextUpdate: Date().addingTimeInterval(3600))
        try tool.write(crl.pemString, to: "crl.pem")
        let check = ["openssl", "verify", "-CAfile", "ca.pem", "-crl_check", "-CRLfile", "crl.pem"]
        let revoked = try tool.run(check + ["revoked.pem"])
        #expect(revoked.status != 0)
        #expect((revoked.standardOutput + revoked.standardError).contains("certificate revoked"))
        let good = try tool.run(check + ["good.pem"])
        #expect(good.status == 0, "\(good.standardOutput) \(good.standardError)")
        let empty = try CertificateRevocationList(
            authority: fixture.authority, revocations: [], number: 3, thisUpdate: Date(), nextUpdate: Date() + 3600)
        try tool.write(empty.pemString, to: "crl.pem")
        #expect(try tool.run(check + ["revoked.pem"]).status == 0)
    }

    @Test("the result revocation list is canonical JSON ordered by result id")
    func resultRevocationList() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let list = try ResultRevocationList(
            issuer: "CN=CA", revocations: [
                try ResultRevocation(resultID: "KQ-2", reason: "Sai họ tên", revokedAt: at),
                try ResultRevocation(resultID: "KQ-1", reason: "Cấp nhầm", revokedAt: at),
            ], generatedAt: at)
        #expect(String(decoding: list.jsonBytes, as: UTF8.self) == """
            {"generatedAt":"2026-11-18T11:06:40Z","issuer":"CN=CA","results":[{"id":"KQ-1","reason":"Cấp nhầm","revokedAt":"2026-11-18T11:06:40Z"},{"id":"KQ-2","reason":"Sai họ tên","revokedAt":"2026-11-18T11:06:40Z"}]}
            """)
    }
}
