import Crypto
import Foundation
@testable import MotCuaSigning
import Testing
import X509

@Suite struct SealedSigningCredentialTests {
    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("motcua-kek-\(UUID().uuidString)")
    }

    @Test("a sealed key opens with its key-encryption key and signs like the original")
    func roundTrip() async throws {
        let fixture = try SigningFixture()
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let kek = try KeyEncryptionKey.create(at: file)
        let sealed = try SealedSigningCredential(sealing: fixture.credential, with: kek)
        #expect(!sealed.sealedPrivateKey.contains(fixture.credential.privateKey.rawRepresentation))
        let opened = try sealed.open(with: try KeyEncryptionKey.load(from: file))
        #expect(opened.privateKey.rawRepresentation == fixture.credential.privateKey.rawRepresentation)
        let compact = try fixture.signer.sign(fixture.record, with: opened, at: SigningFixture.now, revocations: .none)
        _ = try await fixture.verifier.verify(compact, revocations: .none, now: SigningFixture.now)
    }

    @Test("a sealed key moved to another certificate's row, or opened with another key-encryption key, does not open")
    func bindsToCertificate() throws {
        let fixture = try SigningFixture()
        let kek = KeyEncryptionKey(key: SymmetricKey(size: .bits256))
        let first = try SealedSigningCredential(sealing: fixture.credential, with: kek)
        let otherCredential = try fixture.authority.issueSigningCredential(
            for: SigningFixture.signatory, agency: SigningFixture.agency, validityDays: 30, now: SigningFixture.now)
        let second = try SealedSigningCredential(sealing: otherCredential, with: kek)
        // The key of the first row pasted into the second row (certificate and serial of the second).
        let swapped = SealedSigningCredential(
            certificateSerial: second.certificateSerial, certificateDER: second.certificateDER,
            sealedPrivateKey: first.sealedPrivateKey)
        #expect(throws: KeyEncryptionKeyError(.cannotOpen(second.certificateSerial))) { try swapped.open(with: kek) }
        // The serial column alone rewritten to match the pasted key.
        let relabelled = SealedSigningCredential(
            certificateSerial: first.certificateSerial, certificateDER: second.certificateDER,
            sealedPrivateKey: first.sealedPrivateKey)
        #expect(throws: KeyEncryptionKeyError(.certificateMismatch)) { try relabelled.open(with: kek) }
        #expect(throws: KeyEncryptionKeyError(.cannotOpen(first.certificateSerial))) {
            try first.open(with: KeyEncryptionKey(key: SymmetricKey(size: .bits256)))
        }
    }

    @Test("the key-encryption key file must hold base64 of 32 bytes, and creating never overwrites it")
    func keyFile() throws {
        let file = temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: KeyEncryptionKeyError(.unreadableFile(file.path))) { try KeyEncryptionKey.load(from: file) }
        try Data("c2hvcnQ=\n".utf8).write(to: file)
        #expect(throws: KeyEncryptionKeyError(.wrongFormat(file.path))) { try KeyEncryptionKey.load(from: file) }
        #expect(throws: KeyEncryptionKeyError(.cannotCreate(file.path))) { try KeyEncryptionKey.create(at: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "c2hvcnQ=\n")
    }
}
