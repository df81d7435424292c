import Foundation
import MotCuaStorage

/// A production start refused: every unsafe setting, each with its name and the reason.
public struct ProductionRefusal: Error, Sendable, CustomStringConvertible {
    public let problems: [ConfigurationError]

    public var description: String {
        "Refusing to start in production mode:\n" + problems.map { "  - \($0.setting): \($0.reason)" }.joined(separator: "\n")
    }
}

/// What a production instance must not run with. The demo (no configuration) is exempt; `--production` or
/// `MOTCUA_ENV=production` turns these checks on.
enum ProductionCheck {
    /// The unsafe settings found in the configuration and on disk (the database's contents are checked
    /// once it is open: see ``demoAccounts(_:)``).
    static func problems(_ configuration: AppConfiguration) -> [ConfigurationError] {
        guard configuration.mode == .production else { return [] }
        var problems: [ConfigurationError] = []
        if configuration.registryURL == nil {
            problems.append(
                ConfigurationError(
                    "MOTCUA_REGISTRY_URL",
                    "not set: the platform would answer from the demo sandbox's synthetic population instead of the national databases"))
        }
        if configuration.seedDemoDataWhenEmpty {
            problems.append(ConfigurationError("MOTCUA_SEED_DEMO", "demo accounts, whose password is published, cannot be created in production"))
        }
        if (configuration.demoPopulation ?? 0) > 0 {
            problems.append(ConfigurationError("MOTCUA_DEMO_POPULATE", "invented demo activity cannot be written into a production database"))
        }
        if configuration.tokenKeyFiles.isEmpty {
            problems.append(
                ConfigurationError(
                    "MOTCUA_TOKEN_KEY_FILES", "not set: production signs tokens only with keys read from files (a generated key is for the demo)"))
        }
        if configuration.historyKeyFile == nil {
            problems.append(
                ConfigurationError(
                    "MOTCUA_HISTORY_KEY_FILE", "not set: production seals the dossier histories with a key read from a file outside the database"))
        }
        if configuration.historyCheckpointDirectoryOverride == nil {
            problems.append(
                ConfigurationError(
                    "MOTCUA_HISTORY_CHECKPOINT_DIR",
                    "not set: production writes the history checkpoints to storage outside the database's reach, which it names"))
        }
        if configuration.blobDirectory == nil {
            problems.append(
                ConfigurationError(
                    "MOTCUA_BLOB_DIR", "not set: production keeps scanned documents in a directory it names (on backed-up storage), not beside the database file"))
        }
        for (setting, value, why) in [
            ("MOTCUA_CA_CERT_FILE", configuration.caCertificateFile, "production imports the provincial CA's certificate (PEM); a generated CA is for the demo"),
            ("MOTCUA_CA_KEY_FILE", configuration.caPrivateKeyFile, "production imports the provincial CA's private key (PEM)"),
            ("MOTCUA_SIGNING_KEK_FILE", configuration.signingKeyEncryptionKeyFile, "production encrypts the leaders' signing keys with a key read from a file outside the database"),
        ] where value == nil {
            problems.append(ConfigurationError(setting, "not set: " + why))
        }
        for path in [configuration.caPrivateKeyFile, configuration.signingKeyEncryptionKeyFile].compactMap({ $0 }) where KeyFile.isExposed(path: path) {
            problems.append(ConfigurationError("MOTCUA_CA_KEY_FILE/MOTCUA_SIGNING_KEK_FILE", "\(path) is readable by group or others; run chmod 600 \(path)"))
        }
        for path in configuration.tokenKeyFiles where KeyFile.isExposed(path: path) {
            problems.append(ConfigurationError("MOTCUA_TOKEN_KEY_FILES", "\(path) is readable by group or others; run chmod 600 \(path)"))
        }
        if let path = configuration.historyKeyFile, KeyFile.isExposed(path: path) {
            problems.append(ConfigurationError("MOTCUA_HISTORY_KEY_FILE", "\(path) is readable by group or others; run chmod 600 \(path)"))
        }
        for path in configuration.historyPreviousKeyFiles where KeyFile.isExposed(path: path) {
            problems.append(ConfigurationError("MOTCUA_HISTORY_PREVIOUS_KEY_FILES", "\(path) is readable by group or others; run chmod 600 \(path)"))
        }
        if let url = configuration.databaseURL {
            if let parsed = PostgresURL(url), parsed.tlsMode != .require {
                problems.append(
                    ConfigurationError(
                        "MOTCUA_DATABASE_URL", "the connection to PostgreSQL must use TLS: add ?sslmode=verify-full (or require)"))
            }
        } else {
            for path in [configuration.sqlitePath, configuration.sqlitePath + "-wal", configuration.sqlitePath + "-shm"]
            where KeyFile.isExposed(path: path) {
                problems.append(ConfigurationError("MOTCUA_SQLITE_PATH", "\(path) is readable by group or others; run chmod 600 \(path)"))
            }
        }
        return problems
    }

    /// Demo accounts found in a production database.
    static func demoAccounts(_ usernames: [String]) -> ConfigurationError? {
        guard !usernames.isEmpty else { return nil }
        return ConfigurationError(
            "database",
            "demo accounts with the published password exist (\(usernames.joined(separator: ", "))); disable them with `motcua admin disable --username …`")
    }
}
