import Foundation
import MotCuaDomain
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes this process's checkpoint journal: the heads that history chains reached, collected as writes
/// commit and appended to `<directory>/<journal>.jsonl` at intervals (``flush()``), each record keyed with the
/// history key and linked to the one before. The directory belongs outside the database's trust domain (other
/// storage, other administrators), so a database administrator who removes the end of a chain or a whole
/// dossier cannot make the journal agree.
///
/// Only committed writes are recorded (the repository records after its transaction returns), so a rolled-back
/// write never becomes a false alarm. What was committed since the last flush is not yet covered: the window
/// is the flush interval.
public final class HistoryCheckpointJournal: Sendable {
    public let directory: String
    /// The journal's name, unique per process start.
    public let name: String
    private let seal: HistorySeal
    private let pending = Mutex<[UUID: HistoryCheckpoint.Head]>([:])
    /// Number and keyed code of the last record written; held while a record is written, so records leave
    /// in order.
    private let written: Mutex<(number: Int, code: String)>
    private let clock: @Sendable () -> Date

    public init(directory: String, seal: HistorySeal, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.directory = directory
        self.seal = seal
        self.clock = clock
        var random = SystemRandomNumberGenerator()
        let stamp = ISO8601DateFormatter.string(from: clock(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
            .replacingOccurrences(of: ":", with: "")
        name = stamp + "-" + Hex.encode(Data((0..<6).map { _ in UInt8.random(in: 0...255, using: &random) }))
        written = Mutex((0, HistoryCheckpoint.genesis(journal: name)))
    }

    /// Notes the heads of dossiers whose writes have committed.
    public func record(_ dossiers: some Sequence<Dossier>) {
        pending.withLock { pending in
            for dossier in dossiers where dossier.version > 0 {
                if let known = pending[dossier.id], known.sequence >= dossier.version { continue }
                pending[dossier.id] = .init(dossierID: dossier.id, sequence: dossier.version, hash: dossier.historyHead)
            }
        }
    }

    /// Notes heads read elsewhere (the journals of a retired key, carried over by a key rotation).
    public func record(heads: some Sequence<HistoryCheckpoint.Head>) {
        record(restoring: Array(heads))
    }

    /// How many heads wait for the next flush.
    public var pendingCount: Int { pending.withLock { $0.count } }

    /// Appends what was recorded since the last flush as one durable record (written and fsynced); returns the
    /// number of heads written. On failure the heads stay pending for the next attempt.
    @discardableResult
    public func flush() async throws -> Int {
        try await BlockingFileWork.run { try self.flushNow() }
    }

    /// ``flush()`` on the calling thread: for the last record at shutdown, when the task may already be
    /// cancelled and a hand-off to the file pool would be refused.
    @discardableResult
    public func flushNow() throws -> Int {
        try written.withLock { written in
            let heads = pending.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return Array(pending.values)
            }
            guard !heads.isEmpty else { return 0 }
            do {
                let checkpoint = HistoryCheckpoint(
                    journal: name, number: written.number + 1, at: clock(), previous: written.code,
                    heads: heads)
                let (line, code) = checkpoint.line(sealedWith: seal)
                try append(line, firstRecord: written.number == 0)
                written = (written.number + 1, code)
                return heads.count
            } catch {
                // Put them back, unless a later write of the same dossier has already been recorded.
                record(restoring: heads)
                throw error
            }
        }
    }

    private func record(restoring heads: [HistoryCheckpoint.Head]) {
        pending.withLock { pending in
            for head in heads where (pending[head.dossierID]?.sequence ?? 0) < head.sequence { pending[head.dossierID] = head }
        }
    }

    private func append(_ line: String, firstRecord: Bool) throws {
        if firstRecord {
            if mkdir(directory, 0o700) != 0, errno != EEXIST { throw HistoryCheckpointError.io("mkdir", directory, errno) }
        }
        let path = directory + "/" + name + ".jsonl"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HistoryCheckpointError.io("open", path, errno) }
        defer { close(descriptor) }
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw HistoryCheckpointError.io("write", path, errno) }
            bytes = bytes.dropFirst(count)
        }
        guard fsync(descriptor) == 0 else { throw HistoryCheckpointError.io("fsync", path, errno) }
        if firstRecord {
            // The new file's name must survive a crash too.
            let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard directoryDescriptor >= 0 else { throw HistoryCheckpointError.io("open", directory, errno) }
            defer { close(directoryDescriptor) }
            guard fsync(directoryDescriptor) == 0 else { throw HistoryCheckpointError.io("fsync", directory, errno) }
        }
    }
}

/// A checkpoint journal that cannot be written or read.
public enum HistoryCheckpointError: Error, Sendable, CustomStringConvertible {
    case io(String, String, Int32)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code): "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}
