import Crypto
import Foundation
import MotCuaDomain
@testable import MotCuaSigning
import Testing
import X509

@Suite struct ResultJWSTests {
    /// A JWS over arbitrary header and payload bytes, signed with the fixture leader's key: for the cases the
    /// signer itself never produces.
    private func handMade(
        _ fixture: SigningFixture, header: [String: CanonicalJSON], payload: Data, key: P256.Signing.PrivateKey? = nil
    ) throws -> String {
        let input = Base64URL.encode(try CanonicalJSON.object(header).serialized()) + "." + Base64URL.encode(payload)
        let signature = try (key ?? fixture.credential.privateKey).signature(for: Data(input.utf8))
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }

    private func standardHeader(_ fixture: SigningFixture, leaf: Certificate? = nil) throws -> [String: CanonicalJSON] {
        let leaf = leaf ?? fixture.credential.certificate
        return [
            "alg": .string("ES256"), "kid": .string(try leaf.sha256Thumbprint), "sigT": .string(ResultJWSHeader.formatSigningTime(SigningFixture.now)),
            "typ": .string("motcua-result+jws"),
            "x5c": .array([.string(try leaf.derBytes.base64EncodedString()),
                .string(try fixture.authority.certificate.derBytes.base64EncodedString())]),
        ]
    }

    private func refusal(
        _ fixture: SigningFixture, _ compact: String, revocations: RevocationSnapshot = .none, now: Date = SigningFixture.now
    ) async -> ResultVerificationError.Reason? {
        do {
            _ = try await fixture.verifier.verify(compact, revocations: revocations, now: now)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("a signed result verifies: ES256 header with kid, sigT and the chain [leaf, CA], 64-byte signature")
    func signsAndVerifies() async throws {
        let fixture = try SigningFixture()
        let compact = try fixture.sign()
        let parts = compact.split(separator: ".")
        #expect(parts.count == 3)
        #expect(Base64URL.decode(String(parts[2]))?.count == 64)
        let header = try JSONSerialization.jsonObject(with: Base64URL.decode(String(parts[0]))!) as! [String: Any]
        #expect(header["alg"] as? String == "ES256")
        #expect(header["typ"] as? String == "motcua-result+jws")
        #expect(header["kid"] as? String == (try fixture.credential.certificate.sha256Thumbprint))
        #expect(header["sigT"] as? String == "2026-11-18T11:06:40Z")
        #expect((header["x5c"] as? [String])?.count == 2)
        #expect(Base64URL.decode(String(parts[1])) == (try fixture.record.canonicalPayload()))

        let verified = try await fixture.verifier.verify(compact, revocations: .none, now: SigningFixture.now)
        #expect(verified.record == fixture.record)
        #expect(verified.signingCertificate == fixture.credential.certificate)
        #expect(verified.signingTime == SigningFixture.now)
    }

    @Test("a changed character anywhere in header, payload or signature is refused")
    func refusesEveryChangedCharacter() async throws {
        let fixture = try SigningFixture()
        let compact = try fixture.sign()
        let characters = Array(compact)
        var accepted: [Int] = []
        for offset in characters.indices where characters[offset] != "." {
            if await refusal(fixture, changingCharacter(of: compact, at: offset)) == nil { accepted.append(offset) }
        }
        #expect(accepted.isEmpty, "accepted after a change at offsets \(accepted)")
    }

    @Test("algorithms other than ES256, critical headers and a kid not naming the leaf are refused")
    func refusesHeaders() async throws {
        let fixture = try SigningFixture()
        let payload = try fixture.record.canonicalPayload()
        var header = try standardHeader(fixture)
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == nil)
        for alg in ["none", "HS256", "ES384", "RS256"] {
            header["alg"] = .string(alg)
            #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == .unsupportedAlgorithm(alg))
        }
        header = try standardHeader(fixture)
        header["crit"] = .array([.string("b64")])
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == .unsupportedCriticalHeader(["b64"]))
        header = try standardHeader(fixture)
        header["kid"] = .string(try fixture.authority.certificate.sha256Thumbprint)
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload))
            == .unknownKeyID(try fixture.authority.certificate.sha256Thumbprint))
        header["kid"] = nil
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == .unknownKeyID(""))
        header = try standardHeader(fixture)
        header["x5c"] = nil
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == .missingCertificateChain)
        header = try standardHeader(fixture)
        header["sigT"] = nil
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload)) == .missingSigningTime)
        header["sigT"] = .string(ResultJWSHeader.formatSigningTime(SigningFixture.now.addingTimeInterval(4000)))
        #expect(await refusal(fixture, try handMade(fixture, header: header, payload: payload))
            == .signingTimeInFuture(SigningFixture.now.addingTimeInterval(4000)))
        #expect(await refusal(fixture, "abc.def") == .malformed)
        #expect(await refusal(fixture, String(repeating: "A", count: 70_000)) == .tooLarge(65_536))
        #expect(await refusal(fixture, "e30.e30.e30=") == .malformed)
    }

    @Test("a chain ending at another CA is refused, even one with the same name as ours")
    func refusesForeignChains() async throws {
        let ours = try SigningFixture()
        let foreign = try SigningFixture()  // same subject name, different key
        let foreignCompact = try foreign.sign()
        #expect(await refusal(ours, foreignCompact) == .chainNotEndingAtAuthority)
        // A leaf from the other CA presented with OUR CA certificate as its chain.
        var header = try standardHeader(foreign)
        header["x5c"] = .array([.string(try foreign.credential.certificate.derBytes.base64EncodedString()),
            .string(try ours.authority.certificate.derBytes.base64EncodedString())])
        let grafted = try handMade(foreign, header: header, payload: try foreign.record.canonicalPayload())
        #expect(await refusal(ours, grafted) == .untrustedChain)
        // Only the leaf, no CA.
        header["x5c"] = .array([.string(try foreign.credential.certificate.derBytes.base64EncodedString())])
        #expect(await refusal(ours, try handMade(foreign, header: header, payload: try foreign.record.canonicalPayload()))
            == .chainNotEndingAtAuthority)
    }

    @Test("a certificate is judged at the signing time: refused before or after its validity")
    func judgesValidityAtSigningTime() async throws {
        let fixture = try SigningFixture(validityDays: 30)
        let later = SigningFixture.now.addingTimeInterval(400 * 86_400)
        // Signed while valid, verified long after expiry: still valid.
        let compact = try fixture.sign()
        #expect(await refusal(fixture, compact, now: later) == nil)
        // Claimed signing time after expiry.
        var header = try standardHeader(fixture)
        header["sigT"] = .string(ResultJWSHeader.formatSigningTime(SigningFixture.now.addingTimeInterval(31 * 86_400)))
        let expired = try handMade(fixture, header: header, payload: try fixture.record.canonicalPayload())
        guard case .certificateNotValidAtSigningTime = await refusal(fixture, expired, now: later) else {
            Issue.record("an expired certificate was accepted")
            return
        }
        // The signer refuses to sign with it in the first place.
        #expect(throws: ResultSigningError(.certificateNotValid(
            notBefore: fixture.credential.certificate.notValidBefore, notAfter: fixture.credential.certificate.notValidAfter))
        ) { try fixture.sign(at: SigningFixture.now.addingTimeInterval(31 * 86_400)) }
    }

    @Test("a revoked certificate: earlier signatures stand unless the key was compromised; later ones are refused")
    func certificateRevocation() async throws {
        let fixture = try SigningFixture()
        let serial = fixture.credential.certificate.serialHex
        let compact = try fixture.sign()
        let superseded = RevocationSnapshot(certificates: [
            CertificateRevocation(serialHex: serial, reason: .superseded, revokedAt: SigningFixture.now + 3600)
        ])
        #expect(await refusal(fixture, compact, revocations: superseded, now: SigningFixture.now + 7200) == nil)
        let compromised = CertificateRevocation(serialHex: serial, reason: .keyCompromise, revokedAt: SigningFixture.now + 3600)
        #expect(await refusal(fixture, compact, revocations: RevocationSnapshot(certificates: [compromised]),
            now: SigningFixture.now + 7200) == .certificateRevoked(compromised))
        let before = CertificateRevocation(serialHex: serial, reason: .affiliationChanged, revokedAt: SigningFixture.now - 1)
        #expect(await refusal(fixture, compact, revocations: RevocationSnapshot(certificates: [before])) == .certificateRevoked(before))
        #expect(throws: ResultSigningError(.certificateRevoked(before))) {
            try fixture.sign(revocations: RevocationSnapshot(certificates: [before]))
        }
    }

    @Test("a revoked result is refused with its reason and time")
    func resultRevocation() async throws {
        let fixture = try SigningFixture()
        let compact = try fixture.sign()
        let revocation = try ResultRevocation(
            resultID: fixture.record.id, reason: "Sai ngày sinh / wrong date of birth", revokedAt: SigningFixture.now + 60)
        #expect(await refusal(fixture, compact, revocations: RevocationSnapshot(results: [revocation])) == .resultRevoked(revocation))
        let other = try ResultRevocation(resultID: "KQ-OTHER", reason: "x", revokedAt: SigningFixture.now)
        #expect(await refusal(fixture, compact, revocations: RevocationSnapshot(results: [other])) == nil)
    }

    @Test("a signature over a payload that is not a canonical result record is refused")
    func refusesNonCanonicalPayload() async throws {
        let fixture = try SigningFixture()
        let payload = String(decoding: try fixture.record.canonicalPayload(), as: UTF8.self)
        let spaced = Data(payload.replacingOccurrences(of: ",", with: ", ").utf8)
        guard case .payloadNotResult = await refusal(fixture, try handMade(fixture, header: try standardHeader(fixture), payload: spaced))
        else {
            Issue.record("a non-canonical payload was accepted")
            return
        }
    }

    @Test("a certificate that may not sign documents is refused by signer and verifier, one another CA issued by the signer")
    func refusesUnfitCertificates() async throws {
        let fixture = try SigningFixture()
        let foreign = try SigningFixture()
        #expect(throws: ResultSigningError(.certificateNotIssuedByAuthority)) {
            try fixture.signer.sign(fixture.record, with: foreign.credential, at: SigningFixture.now, revocations: .none)
        }
        let key = P256.Signing.PrivateKey()
        let tlsLeaf = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey), notValidBefore: SigningFixture.now - 60,
            notValidAfter: SigningFixture.now + 86_400, issuer: fixture.authority.certificate.subject,
            subject: try DistinguishedName { CommonName("server") }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(fixture.authority.privateKey))
        let credential = SigningCredential(certificate: tlsLeaf, privateKey: key)
        #expect(throws: ResultSigningError(.wrongKeyUsage)) {
            try fixture.signer.sign(fixture.record, with: credential, at: SigningFixture.now, revocations: .none)
        }
        // The verifier refuses the same certificate when a JWS made elsewhere carries it.
        let compact = try handMade(
            fixture, header: try standardHeader(fixture, leaf: tlsLeaf), payload: try fixture.record.canonicalPayload(), key: key)
        #expect(await refusal(fixture, compact) == .wrongKeyUsage("extendedKeyUsage id-kp-documentSigning"))
    }

    @Test("sign and verify take milliseconds in a debug build")
    func measuresSpeed() async throws {
        let fixture = try SigningFixture()
        let rounds = 200
        let clock = ContinuousClock()
        var signatures: [String] = []
        let signing = try clock.measure {
            for _ in 0..<rounds { signatures.append(try fixture.sign()) }
        }
        let start = clock.now
        for compact in signatures { _ = try await fixture.verifier.verify(compact, revocations: .none, now: SigningFixture.now) }
        let verifying = clock.now - start
        print("signing: \(signing / rounds) per result; verification: \(verifying / rounds) per result (debug, \(rounds) rounds)")
        #expect(verifying / rounds < .milliseconds(100))
    }
}
