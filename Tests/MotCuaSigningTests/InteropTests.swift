import Foundation
import MotCuaDomain
import MotCuaSigning
import SwiftASN1
import Testing
import X509

/// Issue 9 item 4: our signatures against an independent implementation (Python `cryptography` + `joserfc`,
/// Tests/interop/verify_jws.py) and openssl, in both directions. In CI (`CI=true`) missing tools fail the tests.
@Suite(.enabled(
    if: (ExternalTool.pythonReady && ExternalTool.opensslReady) || ExternalTool.isCI,
    "python3 with cryptography and joserfc, or openssl, is missing: pip install cryptography==48.0.0 joserfc==1.6.5"))
struct InteropTests {
    /// Our CA (valid from now, since openssl judges certificates at the machine's clock) in a scratch directory.
    private func setUp() throws -> (SigningFixture, ExternalTool) {
        let fixture = try SigningFixture(now: Date())
        let tool = try ExternalTool()
        try tool.write(try fixture.authority.certificatePEM, to: "ca.pem")
        try tool.write(fixture.authority.privateKeyPEM, to: "ca-key.pem")
        try tool.write(try fixture.record.canonicalPayload(), to: "payload.json")
        return (fixture, tool)
    }

    private func pythonVerifies(_ compact: String, _ tool: ExternalTool) throws -> ExternalTool.Output {
        try tool.write(compact, to: "result.jws")
        return try tool.run(["python3", ExternalTool.interopScript, "verify", "ca.pem", "result.jws"])
    }

    /// Offsets of one character inside each region a forger might touch: the alg member, the leaf and CA
    /// certificates inside x5c, the payload, the signature.
    private func regionOffsets(_ compact: String) -> [String: Int] {
        let parts = compact.split(separator: ".").map(String.init)
        let headerText = String(decoding: Base64URL.decode(parts[0])!, as: UTF8.self)
        // A character of the base64url header that encodes the byte at `byte` of the header JSON.
        func headerOffset(_ byte: String.Index) -> Int { headerText.utf8.distance(from: headerText.startIndex, to: byte) * 4 / 3 }
        let caStart = headerText.range(of: "\",\"")!  // the separator between the two x5c entries (last one)
        let x5cStart = headerText.range(of: "\"x5c\":[\"")!.upperBound
        return [
            "alg": headerOffset(headerText.range(of: "ES256")!.lowerBound) + 1,
            "leaf certificate": headerOffset(headerText.index(x5cStart, offsetBy: 300)),
            "CA certificate": headerOffset(headerText.index(headerText.range(of: "\",\"", options: .backwards)!.upperBound, offsetBy: 200)),
            "payload": parts[0].count + 1 + parts[1].count / 2,
            "signature": parts[0].count + parts[1].count + 2 + 10,
        ].merging(["CA separator": headerOffset(caStart.lowerBound)]) { first, _ in first }
    }

    @Test("the independent tools are installed (python3 with cryptography and joserfc, openssl)")
    func toolsInstalled() {
        #expect(ExternalTool.pythonReady, "python3 cannot import cryptography and joserfc: run .ci/run or pip install them")
        #expect(ExternalTool.opensslReady, "openssl is not on PATH")
    }

    @Test("(a) Python cryptography + joserfc verify our JWS and chain and read the same payload")
    func pythonVerifiesOurs() throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let output = try pythonVerifies(try fixture.sign(at: Date()), tool)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(Data(output.standardOutput.utf8) == (try fixture.record.canonicalPayload()))
    }

    @Test("(b) a JWS made by Python with a leaf it issued from our CA key verifies with ours")
    func weVerifyPythons() async throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let signed = try tool.run(["python3", ExternalTool.interopScript, "sign", "ca.pem", "ca-key.pem", "payload.json"])
        #expect(signed.status == 0, "\(signed.standardError)")
        let verified = try await fixture.verifier.verify(
            signed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), revocations: .none)
        #expect(verified.record == fixture.record)
        #expect(verified.signingCertificate.subject.description.contains("Trần Thị Bình"))
    }

    @Test("(b) a JWS whose chain Python made up (a CA with our CA's name but its own key) is refused by both sides")
    func foreignChainRefused() async throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let signed = try tool.run(
            ["python3", ExternalTool.interopScript, "sign", "ca.pem", "ca-key.pem", "payload.json", "--foreign-ca"])
        #expect(signed.status == 0, "\(signed.standardError)")
        let compact = signed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        await #expect(throws: ResultVerificationError(.chainNotEndingAtAuthority)) {
            try await fixture.verifier.verify(compact, revocations: .none)
        }
        let python = try pythonVerifies(compact, tool)
        #expect(python.status == 1)
        #expect(python.standardError.contains("chain does not end at the provincial CA"))
    }

    @Test("(c) a changed character in header, chain, payload or signature is refused by both sides, for either's JWS")
    func changedCharacterRefusedByBoth() async throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let python = try tool.run(["python3", ExternalTool.interopScript, "sign", "ca.pem", "ca-key.pem", "payload.json"])
        let tokens = [
            "ours": try fixture.sign(at: Date()),
            "Python's": python.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines),
        ]
        for (maker, compact) in tokens {
            #expect(try pythonVerifies(compact, tool).status == 0, "Python refused \(maker) unchanged JWS")
            _ = try await fixture.verifier.verify(compact, revocations: .none)
            for (region, offset) in regionOffsets(compact) {
                let changed = changingCharacter(of: compact, at: offset)
                let pythonResult = try pythonVerifies(changed, tool)
                #expect(pythonResult.status == 1, "Python accepted \(maker) JWS changed in the \(region)")
                await #expect(throws: ResultVerificationError.self, "we accepted \(maker) JWS changed in the \(region)") {
                    try await fixture.verifier.verify(changed, revocations: .none)
                }
            }
        }
    }

    @Test("Python cryptography reads our DER CRL, accepts its signature and finds the revoked serial and reason")
    func pythonReadsCRL() throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let serial = fixture.credential.certificate.serialHex
        let crl = try CertificateRevocationList(
            authority: fixture.authority,
            revocations: [CertificateRevocation(serialHex: serial, reason: .privilegeWithdrawn, revokedAt: Date())],
            number: 42, thisUpdate: Date(), nextUpdate: Date() + 86_400)
        try tool.write(crl.derBytes, to: "crl.der")
        let script = """
            from cryptography import x509
            ca = x509.load_pem_x509_certificate(open("ca.pem", "rb").read())
            crl = x509.load_der_x509_crl(open("crl.der", "rb").read())
            assert crl.is_signature_valid(ca.public_key()), "bad CRL signature"
            assert crl.issuer == ca.subject
            number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
            (entry,) = list(crl)
            reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.name
            print(number, format(entry.serial_number, "x"), reason)
            """
        let output = try tool.run(["python3", "-c", script])
        #expect(output.status == 0, "\(output.standardError)")
        let expectedSerial = String(serial.drop { $0 == "0" })
        #expect(output.standardOutput == "42 \(expectedSerial) privilege_withdrawn\n")
    }

    @Test("openssl verify accepts our leader's certificate against the CA file and refuses it against another CA")
    func opensslVerifiesLeaf() throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        try tool.write(try fixture.credential.certificate.serializeAsPEM().pemString, to: "leaf.pem")
        let accepted = try tool.run(["openssl", "verify", "-CAfile", "ca.pem", "leaf.pem"])
        #expect(accepted.status == 0 && accepted.standardOutput.contains("leaf.pem: OK"), "\(accepted.standardError)")
        try tool.write(try SigningFixture(now: Date()).authority.certificatePEM, to: "other-ca.pem")
        #expect(try tool.run(["openssl", "verify", "-CAfile", "other-ca.pem", "leaf.pem"]).status != 0)
    }

    @Test("the offline recipe of docs/signing.md verifies a result, and refuses a changed one or a revoked certificate")
    func offlineRecipe() throws {
        let (fixture, tool) = try setUp()
        defer { tool.remove() }
        let document = try String(
            contentsOf: ExternalTool.repositoryRoot.appendingPathComponent("docs/signing.md"), encoding: .utf8)
        let begin = try #require(document.range(of: "<!-- offline-recipe: begin"))
        let end = try #require(document.range(of: "<!-- offline-recipe: end -->"))
        let block = document[begin.upperBound..<end.lowerBound]
        let script = try #require(block.range(of: "```sh\n")).upperBound
        let scriptEnd = try #require(block.range(of: "```", range: script..<block.endIndex)).lowerBound
        try tool.write(String(block[script..<scriptEnd]), to: "recipe.sh")

        func crl(_ revocations: [CertificateRevocation]) throws {
            try tool.write(
                try CertificateRevocationList(
                    authority: fixture.authority, revocations: revocations, number: 1, thisUpdate: Date(),
                    nextUpdate: Date() + 86_400
                ).pemString, to: "crl.pem")
        }
        let compact = try fixture.sign(at: Date())
        try tool.write(compact, to: "result.jws")
        try crl([])
        let valid = try tool.run(["bash", "recipe.sh"])
        #expect(valid.status == 0, "\(valid.standardError)")
        #expect(valid.standardOutput.hasSuffix(String(decoding: try fixture.record.canonicalPayload(), as: UTF8.self)))

        for (region, offset) in regionOffsets(compact) where region != "CA certificate" && region != "CA separator" {
            try tool.write(changingCharacter(of: compact, at: offset), to: "result.jws")
            #expect(try tool.run(["bash", "recipe.sh"]).status != 0, "the recipe accepted a change in the \(region)")
        }

        try tool.write(compact, to: "result.jws")
        try crl([CertificateRevocation(serialHex: fixture.credential.certificate.serialHex, reason: .keyCompromise, revokedAt: Date())])
        let revoked = try tool.run(["bash", "recipe.sh"])
        #expect(revoked.status != 0)
        #expect(revoked.standardOutput.contains("certificate revoked") || revoked.standardError.contains("certificate revoked"))
    }
}
