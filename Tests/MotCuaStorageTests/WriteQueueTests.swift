import Logging
import MotCuaStorage
import MotCuaTestSupport
import SQLKit
import Testing

@Suite("Group-committed writes")
struct WriteQueueTests {
    @Test("Concurrent writes all commit, and a failing write rolls back only its own statements", arguments: TestDatabase.backends)
    func failingJobDoesNotAffectOthersInItsBatch(backend: TestDatabase) async throws {
        try await backend.withStore { store in
            try await store.withWriteConnection { database in
                try await database.raw("CREATE TABLE t (k BIGINT PRIMARY KEY)").run()
                try await database.raw("INSERT INTO t (k) VALUES (5000)").run()
            }
            // given 200 concurrent writers that each insert a marker then a key; every tenth key collides
            let succeeded = try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            try await store.write(lane: "t") { database in
                                try await database.raw("INSERT INTO t (k) VALUES (\(bind: 1000 + index))").run()
                                try await database.raw("INSERT INTO t (k) VALUES (\(bind: index % 10 == 9 ? 5000 : index))").run()
                            }
                            return index
                        } catch {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { if let index = $1 { $0.insert(index) } }
            }
            let rows = Set(try await store.read { database in
                try await database.raw("SELECT k FROM t").all().map { try $0.decode(column: "k", as: Int.self) }
            })
            // then exactly the non-colliding writers committed, each with its marker, and no failed marker remains
            #expect(succeeded == Set((0..<200).filter { $0 % 10 != 9 }))
            #expect(rows == Set(succeeded.map { $0 }).union(succeeded.map { 1000 + $0 }).union([5000]))
        }
    }
}
