import Foundation
import Testing

@testable import MotCuaApp

@Suite("Demo key files")
struct KeyFileTests {
    @Test("Parallel first starts generate one key: every caller reads the same whole key, none a file still being written")
    func parallelGenerationAgreesOnOneKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-keyfile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("token-signing.key").path
        let keys = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<32 { group.addTask { try KeyFile.loadOrGenerate(path: path, setting: "MOTCUA_TOKEN_KEY_FILES").key } }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(keys.count == 32)
        #expect(Set(keys).count == 1)
        #expect(keys[0].count == 48)
        // and no staging file is left beside the key
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["token-signing.key"])
        #expect(!KeyFile.isExposed(path: path))
    }
}
