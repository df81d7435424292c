import Foundation
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage
import Synchronization
import X509

/// The province's signing infrastructure as the platform uses it: the CA (imported in production, created in
/// the demo), the key-encryption key that seals the leaders' private keys, the leaders' stored credentials,
/// and the JWS signer and verifier that trust this CA alone.
final class SigningAuthority: Sendable {
    let authority: ProvincialCertificateAuthority
    let signer: ResultJWSSigner
    let verifier: ResultJWSVerifier
    let credentials: SQLSigningCredentialRepository
    private let keyEncryptionKey: KeyEncryptionKey
    private let validityDays: Int
    /// Opened credentials by serial: a key is decrypted once per process, not once per signature.
    private let opened = Mutex<[String: SigningCredential]>([:])

    init(
        authority: ProvincialCertificateAuthority, keyEncryptionKey: KeyEncryptionKey, credentials: SQLSigningCredentialRepository,
        validityDays: Int
    ) throws {
        self.authority = authority
        self.signer = try ResultJWSSigner(authority: authority.certificate)
        self.verifier = try ResultJWSVerifier(authority: authority.certificate)
        self.credentials = credentials
        self.keyEncryptionKey = keyEncryptionKey
        self.validityDays = validityDays
    }

    /// Loads the CA and the key-encryption key: from the configured files in production; in the demo, from
    /// (or created into) `<keys directory>/ca` and `<keys directory>/signing.kek` unless files are configured.
    static func load(_ configuration: AppConfiguration, credentials: SQLSigningCredentialRepository, now: Date = Date()) throws -> SigningAuthority {
        let authority: ProvincialCertificateAuthority
        let keys = URL(fileURLWithPath: configuration.keyDirectory)
        if let certificate = configuration.caCertificateFile, let key = configuration.caPrivateKeyFile {
            do {
                authority = try ProvincialCertificateAuthority.importPEM(
                    certificateFile: URL(fileURLWithPath: certificate), privateKeyFile: URL(fileURLWithPath: key), now: now)
            } catch {
                throw ConfigurationError("MOTCUA_CA_CERT_FILE", error.description)
            }
        } else {
            guard configuration.mode == .demo else {
                throw ConfigurationError("MOTCUA_CA_CERT_FILE", "production needs the provincial CA's certificate and key files")
            }
            do {
                authority = try demoAuthority(configuration, now: now)
            } catch {
                throw ConfigurationError("MOTCUA_CA_CERT_FILE", "the demo CA in \(keys.path)/ca cannot be used: \(error)")
            }
        }
        let kek: KeyEncryptionKey
        do {
            if let file = configuration.signingKeyEncryptionKeyFile {
                kek = try KeyEncryptionKey.load(from: URL(fileURLWithPath: file))
            } else {
                guard configuration.mode == .demo else {
                    throw ConfigurationError("MOTCUA_SIGNING_KEK_FILE", "production needs the signing keys' encryption key file")
                }
                let file = keys.appendingPathComponent("signing.kek")
                if FileManager.default.fileExists(atPath: file.path) {
                    kek = try KeyEncryptionKey.load(from: file)
                } else {
                    // Never overwrites: if another process created it meanwhile, theirs is loaded.
                    do { kek = try KeyEncryptionKey.create(at: file) } catch { kek = try KeyEncryptionKey.load(from: file) }
                }
            }
        } catch let error as KeyEncryptionKeyError {
            throw ConfigurationError("MOTCUA_SIGNING_KEK_FILE", error.description)
        }
        return try SigningAuthority(
            authority: authority, keyEncryptionKey: kek, credentials: credentials, validityDays: configuration.signingCertificateValidityDays)
    }

    /// The demo CA in `<keys directory>/ca`, created there with validity from `now` if it does not exist yet.
    /// `motcua demo populate` creates it before opening the platform, valid from the start of the year it fills,
    /// so the results it signs over that year carry their real signing times.
    static func demoAuthority(_ configuration: AppConfiguration, now: Date) throws -> ProvincialCertificateAuthority {
        try ProvincialCertificateAuthority.loadOrCreate(
            directory: URL(fileURLWithPath: configuration.keyDirectory).appendingPathComponent("ca"),
            commonName: "MotCua Bắc Ninh demo CA (not for legal use)", organization: "MotCua demo — UBND tỉnh Bắc Ninh", now: now)
    }

    /// The CA's distinguished name, as the result revocation list names its issuer.
    var issuerName: String { authority.certificate.subject.description }

    /// Issues a leader a new signing certificate and stores it with the sealed key.
    func issue(to official: Official, signatory: ResultSignatory, agency: ResultIssuingAgency, now: Date) async throws -> StoredSigningCredential {
        let credential = try authority.issueSigningCredential(for: signatory, agency: agency, validityDays: validityDays, now: now)
        let sealed = try SealedSigningCredential(sealing: credential, with: keyEncryptionKey)
        let stored = StoredSigningCredential(
            serial: sealed.certificateSerial, officialID: official.id, agencyID: official.agencyID, certificateDER: sealed.certificateDER,
            sealedKey: sealed.sealedPrivateKey, notBefore: credential.certificate.notValidBefore,
            notAfter: credential.certificate.notValidAfter, issuedAt: now)
        try await credentials.insert(stored)
        return stored
    }

    /// The official's usable credential at `instant`, opened; nil when they hold none that is valid and not revoked.
    func credential(officialID: String, at instant: Date) async throws -> SigningCredential? {
        guard let stored = try await credentials.current(officialID: officialID, at: instant) else { return nil }
        if let cached = opened.withLock({ $0[stored.serial] }) { return cached }
        let credential = try SealedSigningCredential(
            certificateSerial: stored.serial, certificateDER: stored.certificateDER, sealedPrivateKey: stored.sealedKey
        ).open(with: keyEncryptionKey)
        opened.withLock { $0[stored.serial] = credential }
        return credential
    }

    /// Revokes a certificate for good; false when it is unknown or already revoked.
    func revokeCertificate(serial: String, reason: CertificateRevocationReason, at time: Date) async throws -> Bool {
        let revoked = try await credentials.revoke(serial: serial, reason: reason.rawValue, at: time)
        opened.withLock { _ = $0.removeValue(forKey: serial) }
        return revoked
    }

    /// The revoked certificates, as signing and verification check them.
    func certificateRevocations() async throws -> [CertificateRevocation] {
        try await credentials.revoked().map { stored in
            CertificateRevocation(
                serialHex: stored.serial, reason: CertificateRevocationReason(rawValue: stored.revocationReason ?? 0) ?? .unspecified,
                revokedAt: stored.revokedAt ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The CA-signed certificate revocation list, valid for a day; its number is the count of revocations, which
    /// only grows because a revocation is final.
    func revocationList(now: Date) async throws -> CertificateRevocationList {
        let revocations = try await certificateRevocations()
        return try CertificateRevocationList(
            authority: authority, revocations: revocations, number: revocations.count, thisUpdate: now,
            nextUpdate: now.addingTimeInterval(86_400))
    }
}
