import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MotCuaTestSupport
import Testing

@testable import MotCuaApp
import MotCuaSigning

/// Two modes, one binary: the demo says so; production refuses every unsafe setting with its name and reason.
@Suite("Production and demo modes")
struct ProductionModeTests {
    /// A production configuration with nothing unsafe: keys in owner-only files, TLS to PostgreSQL, a registry.
    private func safeProduction() throws -> AppConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-prod-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = AppConfiguration()
        configuration.mode = .production
        configuration.seedDemoDataWhenEmpty = false
        configuration.registryURL = "https://registry.example.gov.vn"
        configuration.sqlitePath = directory.appendingPathComponent("motcua.sqlite").path
        configuration.tokenKeyFiles = [directory.appendingPathComponent("token.key").path]
        configuration.historyKeyFile = directory.appendingPathComponent("history.key").path
        configuration.blobDirectory = directory.appendingPathComponent("documents").path
        configuration.historyCheckpointDirectoryOverride = directory.appendingPathComponent("checkpoints").path
        _ = try KeyFile.loadOrGenerate(path: configuration.tokenKeyFiles[0], setting: "test")
        _ = try KeyFile.loadOrGenerate(path: configuration.historyKeyFile!, setting: "test")
        // The provincial CA and the key that seals leaders' keys, imported from owner-only files.
        let authority = try ProvincialCertificateAuthority.create(commonName: "Test CA", organization: "UBND tỉnh Bắc Ninh")
        configuration.caCertificateFile = directory.appendingPathComponent("ca.pem").path
        configuration.caPrivateKeyFile = directory.appendingPathComponent("ca-key.pem").path
        configuration.signingKeyEncryptionKeyFile = directory.appendingPathComponent("signing.kek").path
        try Data(try authority.certificatePEM.utf8).write(to: URL(fileURLWithPath: configuration.caCertificateFile!))
        FileManager.default.createFile(
            atPath: configuration.caPrivateKeyFile!, contents: Data(authority.privateKeyPEM.utf8), attributes: [.posixPermissions: 0o600])
        _ = try KeyEncryptionKey.create(at: URL(fileURLWithPath: configuration.signingKeyEncryptionKeyFile!))
        return configuration
    }

    @Test("Production refuses to start without the provincial CA and the signing keys' encryption key, or with them readable by others")
    func signingFilesRequired() throws {
        #expect(try refusedSettings { $0.caCertificateFile = nil } == ["MOTCUA_CA_CERT_FILE"])
        #expect(try refusedSettings { $0.caPrivateKeyFile = nil } == ["MOTCUA_CA_KEY_FILE"])
        #expect(try refusedSettings { $0.signingKeyEncryptionKeyFile = nil } == ["MOTCUA_SIGNING_KEK_FILE"])
        #expect(try refusedSettings {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: $0.signingKeyEncryptionKeyFile!)
        } == ["MOTCUA_CA_KEY_FILE/MOTCUA_SIGNING_KEK_FILE"])
    }

    private func refusedSettings(_ change: (inout AppConfiguration) throws -> Void) throws -> [String] {
        var configuration = try safeProduction()
        try change(&configuration)
        return ProductionCheck.problems(configuration).map(\.setting)
    }

    @Test("A safe production configuration has nothing to refuse")
    func safeConfiguration() throws {
        #expect(try refusedSettings { _ in }.isEmpty)
    }

    @Test("Production refuses the sandbox (no registry URL)")
    func refusesSandbox() throws {
        #expect(try refusedSettings { $0.registryURL = nil } == ["MOTCUA_REGISTRY_URL"])
    }

    @Test("Production refuses to seed demo accounts")
    func refusesDemoSeeding() throws {
        #expect(try refusedSettings { $0.seedDemoDataWhenEmpty = true } == ["MOTCUA_SEED_DEMO"])
    }

    @Test("Production refuses to write demo activity")
    func refusesDemoActivity() throws {
        #expect(try refusedSettings { $0.demoPopulation = 20_000 } == ["MOTCUA_DEMO_POPULATE"])
        #expect(try refusedSettings { $0.demoPopulation = 0 }.isEmpty)
    }

    @Test("Production refuses a generated token key and a missing history key")
    func refusesGeneratedKeys() throws {
        #expect(try refusedSettings { $0.tokenKeyFiles = [] } == ["MOTCUA_TOKEN_KEY_FILES"])
        #expect(try refusedSettings { $0.historyKeyFile = nil } == ["MOTCUA_HISTORY_KEY_FILE"])
    }

    @Test("Production refuses to keep scanned documents in the demo's place beside the database")
    func refusesDefaultDocumentDirectory() throws {
        #expect(try refusedSettings { $0.blobDirectory = nil } == ["MOTCUA_BLOB_DIR"])
    }

    @Test("Production refuses to keep the history checkpoints in the demo's place beside the database")
    func refusesDefaultCheckpointDirectory() throws {
        #expect(try refusedSettings { $0.historyCheckpointDirectoryOverride = nil } == ["MOTCUA_HISTORY_CHECKPOINT_DIR"])
    }

    @Test("A document directory that cannot be created stops start-up naming MOTCUA_BLOB_DIR")
    func unusableDocumentDirectory() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-not-a-directory-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8))
        do {
            try await withApp(.sqlite, configure: { $0.blobDirectory = file.appendingPathComponent("documents").path }) { _, _ in }
            Issue.record("started with a document directory under a file")
        } catch let error as ConfigurationError {
            #expect(error.setting == "MOTCUA_BLOB_DIR")
        }
    }

    @Test("Production refuses key files readable by group or others")
    func refusesExposedKeys() throws {
        #expect(
            try refusedSettings { try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: $0.tokenKeyFiles[0]) }
                == ["MOTCUA_TOKEN_KEY_FILES"])
        #expect(
            try refusedSettings { try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: $0.historyKeyFile!) }
                == ["MOTCUA_HISTORY_KEY_FILE"])
    }

    @Test("Production refuses an SQLite file readable by others")
    func refusesExposedDatabase() throws {
        #expect(
            try refusedSettings {
                FileManager.default.createFile(atPath: $0.sqlitePath, contents: Data(), attributes: [.posixPermissions: 0o644])
            } == ["MOTCUA_SQLITE_PATH"])
    }

    @Test("Production refuses PostgreSQL without TLS, and accepts sslmode=require or verify-full")
    func refusesPlainPostgres() throws {
        #expect(try refusedSettings { $0.databaseURL = "postgres://motcua@db.example:5432/motcua" } == ["MOTCUA_DATABASE_URL"])
        #expect(try refusedSettings { $0.databaseURL = "postgres://motcua@db.example:5432/motcua?sslmode=prefer" } == ["MOTCUA_DATABASE_URL"])
        #expect(try refusedSettings { $0.databaseURL = "postgres://motcua@db.example:5432/motcua?sslmode=verify-full" }.isEmpty)
        #expect(try refusedSettings { $0.databaseURL = "postgres://motcua@db.example:5432/motcua?sslmode=require" }.isEmpty)
    }

    @Test("buildApplication stops a production start with every reason at once")
    func buildRefuses() async throws {
        var configuration = try safeProduction()
        configuration.registryURL = nil
        configuration.seedDemoDataWhenEmpty = true
        do {
            _ = try await buildApplication(configuration)
            Issue.record("a production start with the sandbox and demo seeding was accepted")
        } catch let refusal as ProductionRefusal {
            #expect(refusal.problems.map(\.setting) == ["MOTCUA_REGISTRY_URL", "MOTCUA_SEED_DEMO"])
            #expect(refusal.description.contains("synthetic population"))
        }
    }

    @Test("Production refuses a database that holds active demo accounts, and starts once they are disabled", arguments: [TestDatabase.sqlite])
    func refusesDemoAccounts(backend: TestDatabase) async throws {
        let production = try safeProduction()
        // given a database that a demo run filled, made owner-only as production demands
        let database = Captured<AppConfiguration>()
        try await withApp(backend) { _, configuration in database.set(configuration) }
        let demo = try #require(database.value)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: demo.sqlitePath + suffix) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: demo.sqlitePath + suffix)
        }
        let configure: (inout AppConfiguration) -> Void = { configuration in
            let registry = configuration.registryURL
            configuration = production
            configuration.registryURL = registry
            configuration.sqlitePath = demo.sqlitePath
        }
        do {
            try await withApp(backend, configure: configure) { _, _ in }
            Issue.record("production started on a database with demo accounts")
        } catch let refusal as ProductionRefusal {
            #expect(refusal.problems.map(\.setting) == ["database"])
            #expect(refusal.description.contains("kinhbac.tiepnhan"))
        }
        // when the operator disables them, production starts
        try await Platform.withPlatform(demo, logger: .init(label: "test")) { platform in
            for username in try await DemoSeeder(platform: platform).present() {
                try await AccountAdministration(platform: platform).disable(username: username)
            }
        }
        try await withApp(backend, configure: configure) { client, _ in
            let status = try await Client(client: client).call(.get, "/healthz").status
            #expect(status == .ok)
        }
    }

    @Test("A production instance starts with safe settings and says so in /healthz; the demo says demo", arguments: [TestDatabase.sqlite])
    func healthReportsTheMode(backend: TestDatabase) async throws {
        let production = try safeProduction()
        try await withApp(backend, configure: { configuration in
            let registry = configuration.registryURL
            configuration = production
            configuration.registryURL = registry
        }) { client, _ in
            let health = try await Client(client: client).call(.get, "/healthz")
            #expect(health.body.contains(#""mode":"production""#))
            let page = try await Client(client: client).call(.get, "/counter")
            #expect(!page.body.contains("demo-banner"))
        }
        try await withApp(backend) { client, _ in
            let health = try await Client(client: client).call(.get, "/healthz")
            #expect(health.body.contains(#""mode":"demo""#))
            for path in ["/", "/counter", "/citizen", "/status"] {
                let page = try await Client(client: client).call(.get, path)
                #expect(page.body.contains("demo-banner"), "\(path)")
            }
        }
    }

    @Test("Configuration values that do not parse stop start-up with the variable's name and the reason")
    func unparsableConfiguration() throws {
        for (name, value) in [
            ("MOTCUA_PORT", "abc"), ("MOTCUA_PORT", "70000"), ("MOTCUA_ENV", "staging"), ("MOTCUA_LOG_LEVEL", "loud"),
            ("MOTCUA_POSTGRES_WRITE_LANES", "0"), ("MOTCUA_SANDBOX_PEOPLE", "many"), ("MOTCUA_SANDBOX_SEED", "-1"),
            ("MOTCUA_SANDBOX_PORT", "99999"), ("MOTCUA_REGISTRY_URL", "registry"), ("MOTCUA_SEED_DEMO", "yes"),
            ("MOTCUA_PUBLIC_URL", "ftp://x"), ("MOTCUA_SESSION_IDLE_MINUTES", "0"), ("MOTCUA_DEMO_POPULATE", "-5"),
            ("MOTCUA_DEMO_POPULATE", "lots"), ("MOTCUA_REGISTRY_TIMEOUT_MS", "0"), ("MOTCUA_REGISTRY_TIMEOUT_MS", "2s"),
        ] {
            var configuration = AppConfiguration()
            do {
                try configuration.apply(environment: [name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch let error as ConfigurationError {
                #expect(error.setting == name)
            }
        }
        var configuration = AppConfiguration()
        try configuration.apply(environment: ["MOTCUA_PORT": "9090", "MOTCUA_ENV": "production", "MOTCUA_REGISTRY_TIMEOUT_MS": "5000"])
        #expect(configuration.port == 9090 && configuration.mode == .production && !configuration.seedDemoDataWhenEmpty)
        #expect(configuration.registryAttemptTimeout == .seconds(5))
    }
}
