import Foundation
import HTTPTypes
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaStorage
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Kills the real server process with SIGKILL in the middle of concurrent receipts and checks what
/// survives: every acknowledged dossier, no half-written one, gap-free numbers, intact history.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    /// The `motcua` executable built next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("motcua")
    }

    final class Server: Sendable {
        let process: Process
        let port: Int

        init(database: String, port: Int) throws {
            self.port = port
            process = Process()
            process.executableURL = CrashSafetyTests.executable
            // No demo year of activity: the numbers checked are those of this test's receipts alone.
            process.arguments = ["serve", "--port", String(port), "--sqlite-path", database, "--log-level", "error", "--populate", "0"]
            // The embedded registry sandbox on a free port (several servers may run at once), and a small one.
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["MOTCUA_SANDBOX_PORT": "0", "MOTCUA_SANDBOX_PEOPLE": "20000"]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func waitUntilHealthy() async throws {
            for _ in 0..<150 {
                if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!),
                    (response as? HTTPURLResponse)?.statusCode == 200
                { return }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw CancellationError()
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func request(_ port: Int, _ method: String, _ path: String, token: String? = nil, json: String? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let token { request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test("Acknowledged receipts survive SIGKILL of the server; nothing is half-written and numbers stay gap-free")
    func acknowledgedWritesSurviveKill() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the motcua product first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-crash-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("db.sqlite").path
        let port = Int.random(in: 20_000..<40_000)
        let server = try Server(database: database, port: port)
        try await server.waitUntilHealthy()
        let (_, signIn) = try await Self.request(port, "POST", "/api/v1/auth/sign-in", json: #"{"username":"kinhbac.tiepnhan","password":"MotCua@2026"}"#)
        let token = try #require(try JSONSerialization.jsonObject(with: signIn) as? [String: Any])["token"] as? String
        let body = #"{"procedureCode":"1.001193","agencyId":"xa-09187","applicant":{"citizenId":"027203001234","fullName":"Nguyễn Văn Bình"},"channel":"counter","components":[{"code":"declaration","reference":"a"},{"code":"birth_certificate","reference":"b"}]}"#

        // when the server is killed while 16 clients are receiving dossiers
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var codes: [String] = []
                    for _ in 0..<200 {
                        guard let (status, data) = try? await Self.request(port, "POST", "/api/v1/dossiers", token: token, json: body) else { break }
                        if status == 201, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let code = object["code"] as? String {
                            codes.append(code)
                        }
                    }
                    return codes
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(1_500))
                server.kill()
                return []
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(acknowledged.count > 0)

        // then after a restart every acknowledged dossier is there, with gap-free numbers and intact history
        let restarted = try Server(database: database, port: port)
        try await restarted.waitUntilHealthy()
        defer { restarted.kill() }
        var configuration = AppConfiguration()
        configuration.sqlitePath = database
        let (stored, audit) = try await Platform.withPlatform(configuration, logger: Logger(label: "crash-test")) { platform in
            var codes: [String] = []
            var query = DossierQuery(scope: .all, limit: 200)
            repeat {
                let page = try await platform.dossiers.list(query)
                codes += page.items.map(\.code)
                query.after = page.next
            } while query.after != nil
            return (codes, try await platform.dossiers.verifyHistory(progress: nil))
        }
        #expect(Set(acknowledged).isSubset(of: Set(stored)))
        // Numbered per agency and day.
        for (_, codes) in Dictionary(grouping: stored.compactMap { DossierCode($0) }, by: { "\($0.agencyIdentifier) \($0.date)" }) {
            #expect(codes.map(\.sequence).sorted() == Array(1...codes.count))
        }
        #expect(audit.breaks.isEmpty)
        // The receipt entry, plus the registry verification when it was recorded before the kill.
        #expect(audit.entriesChecked >= stored.count && audit.entriesChecked <= 2 * stored.count)
        try? FileManager.default.removeItem(at: directory)
    }
}
