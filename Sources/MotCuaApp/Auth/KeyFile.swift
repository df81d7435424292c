import Crypto
import Foundation
import MotCuaDomain

/// A secret key kept in a file outside the database (token signing, history sealing): at least 32 random
/// bytes, stored base64 (one line) or raw. Production reads every key from a file the operator provides;
/// the demo generates missing ones into owner-only (0600) files beside its database.
struct KeyFile: Sendable {
    let path: String
    let key: Data

    /// A short, stable identifier of the key (the JWT `kid`): never the key itself.
    var identifier: String {
        Hex.encode(SHA256.hash(data: key).prefix(6))
    }

    /// Reads the key; `setting` names the configuration entry in errors.
    static func load(path: String, setting: String) throws -> KeyFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(setting, "cannot read the key file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let key = Data(base64Encoded: text) ?? data
        guard key.count >= 32 else {
            throw ConfigurationError(setting, "the key in \(path) is shorter than 32 bytes; create one with `openssl rand -base64 48 > \(path)`")
        }
        return KeyFile(path: path, key: key)
    }

    /// The demo's key: read if the file exists, else generated with 48 random bytes into a new 0600 file.
    /// The key is written whole to a file of its own and then linked into place, which fails if the name exists:
    /// parallel processes (or tests) end up with the same key, and none ever reads a file still being written.
    static func loadOrGenerate(path: String, setting: String) throws -> KeyFile {
        if !FileManager.default.fileExists(atPath: path) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            var random = SystemRandomNumberGenerator()
            let bytes = Data((0..<48).map { _ in UInt8.random(in: 0...255, using: &random) })
            let staging = path + ".new-" + UUID().uuidString
            let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw ConfigurationError(setting, "cannot create the key file \(staging)") }
            defer { unlink(staging) }
            let text = Array((bytes.base64EncodedString() + "\n").utf8)
            let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor) == 0
            close(descriptor)
            guard written == text.count, synced else { throw ConfigurationError(setting, "cannot write the key file \(staging)") }
            if link(staging, path) != 0 && errno != EEXIST {
                throw ConfigurationError(setting, "cannot create the key file \(path)")
            }
        }
        return try load(path: path, setting: setting)
    }

    /// Whether anyone but the owner may read or write the file (group or others bits set).
    static func isExposed(path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return false }
        return permissions & 0o077 != 0
    }
}
