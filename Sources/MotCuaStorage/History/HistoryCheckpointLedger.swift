import Foundation
import MotCuaDomain

/// What the checkpoint journals of a directory say, checked with the history key ring: for each dossier the
/// furthest head any checkpoint saw, and every defect found in the journals themselves.
public struct HistoryCheckpointLedger: Sendable {
    /// The furthest head seen for each dossier.
    public private(set) var heads: [UUID: HistoryCheckpoint.Head] = [:]
    /// Records read (and verified).
    public private(set) var records = 0
    /// Journal files read.
    public private(set) var journals: [String] = []
    /// Journals whose last record was made with the sealing key (still written by a running process).
    public private(set) var current: Set<String> = []
    /// Defects: a record changed, removed from the middle, out of order, or made with an unknown key.
    public private(set) var problems: [String] = []

    public init() {}

    /// Reads every `*.jsonl` journal of `directory` (none if it does not exist).
    public static func read(directory: String, seal: HistorySeal) throws -> HistoryCheckpointLedger {
        var ledger = HistoryCheckpointLedger()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }.sorted()
        } catch CocoaError.fileReadNoSuchFile {
            return ledger
        } catch let error as CocoaError where (error.underlying as? POSIXError)?.code == .ENOENT {
            return ledger
        }
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw HistoryCheckpointError.io("read", directory + "/" + name, EIO)
            }
            ledger.add(journal: String(name.dropLast(".jsonl".count)), contents: data, seal: seal)
        }
        return ledger
    }

    /// Checks one journal's records and takes in their heads.
    mutating func add(journal: String, contents: Data, seal: HistorySeal) {
        journals.append(journal)
        let text = String(decoding: contents, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A last line without its newline is a write cut short by a crash: never fsynced, never acknowledged.
        if lines.last.map({ !$0.isEmpty }) ?? false { lines.removeLast() }
        var previous = HistoryCheckpoint.genesis(journal: journal)
        var lastCode = ""
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let where_ = "journal \(journal), record \(index + 1)"
            let parsed: (checkpoint: HistoryCheckpoint, code: String)
            do {
                parsed = try HistoryCheckpoint.parse(line: line, checkedWith: seal)
            } catch {
                problems.append("\(where_): \(error)")
                return
            }
            let checkpoint = parsed.checkpoint
            guard checkpoint.journal == journal, checkpoint.number == index + 1, checkpoint.previous == previous else {
                problems.append("\(where_): out of sequence (records removed, reordered or copied from another journal)")
                return
            }
            for head in checkpoint.heads where (heads[head.dossierID]?.sequence ?? 0) < head.sequence {
                heads[head.dossierID] = head
            }
            previous = parsed.code
            lastCode = parsed.code
            records += 1
        }
        if lastCode.hasPrefix(seal.sealingKeyIdentifier + ":") { current.insert(journal) }
    }
}
