import Foundation
import Logging
import MotCuaApp
import MotCuaDomain
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Synchronization
import Testing

/// The history against a hostile database administrator: checkpoints kept outside the database catch what
/// seals cannot (a chain cut at an earlier entry, a dossier deleted with its history), and the history key
/// can be rotated without losing what the old key vouched for.
@Suite("History integrity outside the database")
struct HistoryIntegrityTests {
    /// Runs the application for `body`, then returns its configuration once its services have stopped (the
    /// checkpoint service writes its last record at shutdown).
    private func afterApp(
        _ backend: TestDatabase, configure: @escaping @Sendable (inout AppConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (Scenario) async throws -> Void
    ) async throws -> AppConfiguration {
        let captured = Mutex<AppConfiguration?>(nil)
        try await withApp(backend, configure: configure) { client, configuration in
            captured.withLock { $0 = configuration }
            try await body(try await Scenario(client))
        }
        return try #require(captured.withLock { $0 })
    }

    private func withPlatform<T: Sendable>(_ configuration: AppConfiguration, _ body: @escaping @Sendable (Platform) async throws -> T) async throws -> T {
        try await Platform.withPlatform(configuration, logger: Logger(label: "test"), body)
    }

    /// Lifts the append-only guard of the history, as only someone with database rights can.
    private func liftGuard(_ store: any SQLStore, on database: any SQLDatabase) async throws {
        switch store.kind {
        case .sqlite:
            try await database.raw("DROP TRIGGER dossier_history_no_delete").run()
        case .postgres:
            try await database.raw("ALTER TABLE dossier_history DISABLE TRIGGER dossier_history_no_change").run()
        }
    }

    @Test("Entries cut from the end of a chain, and a dossier deleted with its history, are found by the checkpoints outside the database", arguments: TestDatabase.backends)
    func truncationAndDeletionAreFound(backend: TestDatabase) async throws {
        let codes = Mutex<[String]>([])
        let configuration = try await afterApp(backend) { s in
            let cut = try await s.receiveBirth()
            _ = try await s.reception.transition(cut.code, "assign", version: cut.version, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            let deleted = try await s.receiveBirth()
            let untouched = try await s.receiveBirth()
            codes.withLock { $0 = [cut.code, deleted.code, untouched.code] }
        }
        let (cut, deleted) = codes.withLock { ($0[0], $0[1]) }
        let deletedID = try await withPlatform(configuration) { platform in
            // before: everything verifies, checkpoints included
            let clean = try await platform.dossiers.verifyHistory(
                seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil)
            #expect(clean.breaks.isEmpty)
            #expect(try await platform.historyCheckpoints().heads.count == 3)
            let store = platform.store
            return try await store.withWriteConnection { database in
                try await liftGuard(store, on: database)
                // cut the first dossier back to its receipt, consistently: its row agrees with the shortened chain
                let id = try #require(try await database.raw("SELECT id FROM dossiers WHERE code = \(bind: cut)").first()).decode(column: "id", as: String.self)
                try await database.raw("DELETE FROM dossier_history WHERE dossier_id = \(bind: id) AND seq > 1").run()
                try await database.raw(
                    """
                    UPDATE dossiers SET version = 1, history_head = (SELECT hash FROM dossier_history WHERE dossier_id = \(bind: id) AND seq = 1) \
                    WHERE id = \(bind: id)
                    """
                ).run()
                // and make the second dossier disappear with its history
                let gone = try #require(try await database.raw("SELECT id FROM dossiers WHERE code = \(bind: deleted)").first()).decode(column: "id", as: String.self)
                try await database.raw("DELETE FROM dossier_history WHERE dossier_id = \(bind: gone)").run()
                try await database.raw("DELETE FROM dossiers WHERE id = \(bind: gone)").run()
                return gone
            }
        }
        try await withPlatform(configuration) { platform in
            // the keyed seals alone see nothing wrong: what is left is genuine
            #expect(try await platform.dossiers.verifyHistory(seal: platform.historySeal, progress: nil).breaks.isEmpty)
            let audit = try await platform.dossiers.verifyHistory(
                seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil)
            #expect(audit.breaks.map(\.code).sorted() == [cut, "dossier " + deletedID].sorted())
            let truncated = try #require(audit.breaks.first { $0.code == cut })
            #expect(truncated.chainBreak.sequence == 2)
            #expect(truncated.chainBreak.reason.contains("entries removed"))
            #expect(audit.breaks.first { $0.code != cut }?.chainBreak.reason.contains("the dossier is gone") == true)
        }
    }

    @Test("A checkpoint record changed, or removed from the middle of its journal, is reported")
    func journalTamperingIsReported() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-journal-\(UUID().uuidString)").path
        let seal = HistorySeal(key: Data(repeating: 7, count: 32))
        let journal = HistoryCheckpointJournal(directory: directory, seal: seal)
        var written: [UUID] = []
        for _ in 0..<3 {
            let id = UUID()
            written.append(id)
            journal.record(heads: [HistoryCheckpoint.Head(dossierID: id, sequence: 2, hash: String(repeating: "a", count: 64))])
            #expect(try await journal.flush() == 1)
        }
        #expect(try await journal.flush() == 0)
        let path = directory + "/" + journal.name + ".jsonl"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let ledger = try HistoryCheckpointLedger.read(directory: directory, seal: seal)
        #expect(ledger.problems.isEmpty && ledger.records == 3)
        #expect(Set(ledger.heads.keys) == Set(written))
        #expect(ledger.current == [journal.name])
        // a record removed from the middle
        var lines = original.split(separator: "\n")
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try HistoryCheckpointLedger.read(directory: directory, seal: seal).problems.first?.contains("out of sequence") == true)
        // a head changed inside a record
        try original.replacingOccurrences(of: "\"aaaa", with: "\"baaa").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try HistoryCheckpointLedger.read(directory: directory, seal: seal).problems.first?.contains("keyed code does not match") == true)
        // a write cut short by a crash (no final newline) is not an alarm
        try (original + "hmac-of-nothing {\"v\":1").write(toFile: path, atomically: true, encoding: .utf8)
        let torn = try HistoryCheckpointLedger.read(directory: directory, seal: seal)
        #expect(torn.problems.isEmpty && torn.records == 3)
        // another key vouches for nothing
        #expect(try HistoryCheckpointLedger.read(directory: directory, seal: HistorySeal(key: Data(repeating: 8, count: 32))).problems.count == 1)
    }

    @Test("The history key is rotated without losing what the old key vouched for, and the old key can then be dropped", arguments: TestDatabase.backends)
    func historyKeyRotates(backend: TestDatabase) async throws {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-rotation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let old = keys.appendingPathComponent("history-old.key").path
        let new = keys.appendingPathComponent("history-new.key").path
        for path in [old, new] {
            FileManager.default.createFile(
                atPath: path, contents: Data(Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString().utf8),
                attributes: [.posixPermissions: 0o600])
        }
        // given dossiers written under the old key
        var configuration = try await afterApp(backend, configure: { $0.historyKeyFile = old }) { s in
            let dossier = try await s.receiveBirth()
            _ = try await s.reception.transition(dossier.code, "assign", version: dossier.version, extra: #","assigneeId":"kinhbac.chuyenvien""#)
            _ = try await s.receiveBirth()
        }
        // when the new key seals and the old one only verifies, the history still verifies
        configuration.historyKeyFile = new
        configuration.historyPreviousKeyFiles = [old]
        let ring = configuration
        let rotation = try await withPlatform(ring) { platform in
            #expect(try await platform.dossiers.verifyHistory(
                seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil).breaks.isEmpty)
            return try await platform.rotateHistoryKey()
        }
        guard case .rotated(_, let anchored, let carried, let retired) = rotation else {
            Issue.record("rotation refused: \(rotation)")
            return
        }
        #expect(anchored == 2 && carried == 2 && retired == 1)
        // then with the old key gone, everything verifies, checkpoints included, and new entries are sealed with the new key
        configuration.historyPreviousKeyFiles = []
        let codes = Mutex<[String]>([])
        let newOnly = configuration
        _ = try await afterApp(backend, configure: { $0 = newOnly }) { s in
            let dossier = try await s.receiveBirth()
            codes.withLock { $0.append(dossier.code) }
        }
        try await withPlatform(newOnly) { platform in
            let audit = try await platform.dossiers.verifyHistory(
                seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil)
            #expect(audit.dossiersChecked == 3)
            #expect(audit.breaks.isEmpty)
        }
        // and without the rotation the old key could not simply have been dropped
        var unrotated = try await afterApp(backend, configure: { $0.historyKeyFile = old }) { s in _ = try await s.receiveBirth() }
        unrotated.historyKeyFile = new
        let refused = try await withPlatform(unrotated) { platform in
            try await platform.dossiers.verifyHistory(
                seal: platform.historySeal, checkpoints: try await platform.historyCheckpoints(), progress: nil)
        }
        #expect(!refused.breaks.isEmpty)
    }
}
