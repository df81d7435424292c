import Foundation
import HTTPTypes
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import PostgresNIO
import SQLKit
import Synchronization
import Testing

/// Every line logged through one application's logger, rendered with its metadata.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger writing here at every level.
    func logger() -> Logger {
        var logger = Logger(label: "motcua") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            capture.append("\(level) [\(source)] \(message) \(all)")
        }
    }
}

@Suite("No personal data in logs")
struct PersonalDataLogTests {
    @Test("A realistic flow, a failed database statement included, logs no citizen ID and no name at any level", arguments: TestDatabase.backends)
    func noPersonalDataInLogs(backend: TestDatabase) async throws {
        let capture = LogCapture()
        let applicant = RegistryPeople.singleAdult
        let lookedUp = RegistryPeople.insured
        let failing = (id: "027203009876", name: "Trần Thị Hồng Nhung")
        let child = "Nguyễn Minh Khôi"
        try await withSandboxApp(backend, logger: capture.logger(), configure: { $0.logLevel = .trace }) { client, _, configuration in
            let s = try await Scenario(client)
            // A receipt, with the background look-ups at the national databases.
            let received = try await s.reception.call(
                .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: applicant.citizenID.value, name: applicant.fullName),
                headers: [HTTPField.Name("Idempotency-Key")!: "log-test-1"])
            #expect(received.status == .created, "\(received.body)")
            let dossier = try s.reception.decode(DossierJSON.self, received.body)
            // Counter look-ups by ID, in a body and in a path.
            let profile = try await s.reception.call(
                .post, "/api/v1/registry/profile", json: #"{"citizenId":"\#(lookedUp.citizenID.value)","purpose":"counter_before_receipt"}"#)
            #expect(profile.status == .ok, "\(profile.body)")
            let insurance = try await s.reception.call(
                .get, "/api/v1/registry/insurance/\(lookedUp.citizenID.value)?purpose=insurance_check")
            #expect(insurance.status == .ok, "\(insurance.body)")
            // Refused input that names people.
            let refused = try await s.reception.call(
                .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: failing.id, name: failing.name + "\\u0000"))
            #expect(refused.status == .unprocessableContent)
            try await s.reception.transition(
                dossier.code, "withdraw", version: dossier.version, extra: #","reason":"Thiếu giấy tờ của \#(child)""#)

            // A statement the database refuses: its error carries the bound values (the rendered dossier).
            try await Self.execute("ALTER TABLE idempotency_keys RENAME TO idempotency_keys_gone", on: configuration)
            let failed = try await s.reception.call(
                .post, "/api/v1/dossiers", json: s.birthRequest(citizenID: failing.id, name: failing.name),
                headers: [HTTPField.Name("Idempotency-Key")!: "log-test-2"])
            #expect(failed.status == .internalServerError, "\(failed.body)")
        }

        let log = capture.text
        let logged = (unhandled: log.contains("Unhandled error"), typed: log.contains("error.type"))
        #expect(logged.unhandled && logged.typed, "the forced failure is logged by its type")
        let personal = [
            applicant.citizenID.value, applicant.fullName, lookedUp.citizenID.value, lookedUp.fullName, failing.id, failing.name, child,
        ]
        // Also in the decomposed form a log might hold them.
        let leaked = personal.indices.filter { log.contains(personal[$0]) || log.contains(personal[$0].decomposedStringWithCanonicalMapping) }
        #expect(leaked.isEmpty, "the log holds personal data: values \(leaked) of the flow")
    }

    /// Runs one statement on the test's database from a separate connection.
    static func execute(_ statement: String, on configuration: AppConfiguration) async throws {
        let logger = Logger(label: "test-sql")
        if let url = configuration.databaseURL {
            let store = try PostgresStore(url: url, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await store.client.run() }
                try await store.withWriteConnection { try await $0.raw(SQLQueryString(statement)).run() }
                group.cancelAll()
            }
        } else {
            let store = try await SQLiteStore.open(path: configuration.sqlitePath, logger: logger)
            try await store.withWriteConnection { try await $0.raw(SQLQueryString(statement)).run() }
            await store.close()
        }
    }
}
