import Crypto
import Foundation

/// The AES-256 key that encrypts leaders' private signing keys at rest. It lives in a file outside the
/// database (base64 of 32 random bytes, one line), so a copy of the database alone discloses no signing key.
public struct KeyEncryptionKey: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) { self.key = key }

    /// Loads the key from `file`, refusing a missing file or one that is not base64 of exactly 32 bytes.
    public static func load(from file: URL) throws(KeyEncryptionKeyError) -> KeyEncryptionKey {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw KeyEncryptionKeyError(.unreadableFile(file.path))
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw KeyEncryptionKeyError(.wrongFormat(file.path))
        }
        return KeyEncryptionKey(key: SymmetricKey(data: bytes))
    }

    /// Creates a new random key in `file` (mode 0600), for the demo's first start; never overwrites a file.
    public static func create(at file: URL) throws(KeyEncryptionKeyError) -> KeyEncryptionKey {
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        do {
            try SecretFile.write(Data(text.utf8), to: file)
        } catch {
            throw KeyEncryptionKeyError(.cannotCreate(file.path))
        }
        return KeyEncryptionKey(key: key)
    }

    /// AES-256-GCM over the key's raw scalar; the associated data names the certificate serial, so a sealed key
    /// copied to another certificate's row no longer opens.
    func seal(_ privateKey: P256.Signing.PrivateKey, certificateSerial: String) throws -> Data {
        let box = try AES.GCM.seal(privateKey.rawRepresentation, using: key, authenticating: Self.associatedData(certificateSerial))
        guard let combined = box.combined else { throw KeyEncryptionKeyError(.sealFailed) }
        return combined
    }

    func open(_ sealed: Data, certificateSerial: String) throws(KeyEncryptionKeyError) -> P256.Signing.PrivateKey {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let raw = try AES.GCM.open(box, using: key, authenticating: Self.associatedData(certificateSerial))
            return try P256.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw KeyEncryptionKeyError(.cannotOpen(certificateSerial))
        }
    }

    private static func associatedData(_ certificateSerial: String) -> Data {
        Data("motcua-signing-key/v1/\(certificateSerial)".utf8)
    }
}

/// Why the key-encryption key could not be loaded or used. Messages name files and serials, never key bytes.
public struct KeyEncryptionKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadableFile(String)
        case wrongFormat(String)
        case cannotCreate(String)
        case sealFailed
        case cannotOpen(String)
        case certificateMismatch
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .unreadableFile(let path):
            "Không đọc được tệp khóa mã hóa khóa \(path) / cannot read the key-encryption key file \(path)"
        case .wrongFormat(let path):
            "Tệp \(path) phải chứa base64 của đúng 32 byte / \(path) must hold base64 of exactly 32 bytes"
        case .cannotCreate(let path):
            "Không tạo được tệp khóa \(path) (đã tồn tại hoặc không ghi được) / cannot create \(path) (it exists or is not writable)"
        case .sealFailed:
            "Không mã hóa được khóa ký / the signing key could not be encrypted"
        case .cannotOpen(let serial):
            "Không giải mã được khóa ký của chứng thư \(serial) (sai khóa, sai chứng thư hoặc dữ liệu bị sửa) / the signing key of certificate \(serial) does not open (wrong key-encryption key, wrong certificate, or altered data)"
        case .certificateMismatch:
            "Khóa ký không khớp chứng thư / the signing key does not belong to its certificate"
        }
    }
}
