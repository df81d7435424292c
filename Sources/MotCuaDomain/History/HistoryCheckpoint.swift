import Foundation

/// A record of the checkpoint journal: the heads that dossiers' history chains had reached, written outside
/// the database at intervals. Whoever later removes entries from the end of a chain, or a whole dossier with
/// its history, leaves the database short of what a checkpoint saw, and `audit verify` reports it; seals and
/// anchors alone cannot see a chain cut consistently at an earlier entry.
///
/// One journal file per writing process; each record carries the keyed code of the one before it in its file,
/// so records cannot be removed from the middle, reordered or edited without the history key.
public struct HistoryCheckpoint: Sendable, Hashable, Decodable {
    /// The head of one dossier's chain when the checkpoint was written.
    public struct Head: Sendable, Hashable {
        public let dossierID: UUID
        public let sequence: Int
        public let hash: String

        public init(dossierID: UUID, sequence: Int, hash: String) {
            self.dossierID = dossierID
            self.sequence = sequence
            self.hash = hash
        }
    }

    public let version: Int
    /// The writing process's journal (its file name without extension).
    public let journal: String
    /// 1, 2, … within the journal.
    public let number: Int
    /// Milliseconds since 1970.
    public let at: Int64
    /// The keyed code of the previous record of the journal, or the journal's genesis for the first.
    public let previous: String
    public let heads: [Head]

    public init(journal: String, number: Int, at: Date, previous: String, heads: [Head]) {
        self.version = 1
        self.journal = journal
        self.number = number
        self.at = HashChain.milliseconds(at)
        self.previous = previous
        self.heads = heads
    }

    /// What the first record of a journal links to.
    public static func genesis(journal: String) -> String {
        "motcua-history-checkpoints-v1:" + journal
    }

    enum CodingKeys: String, CodingKey {
        case version = "v", journal, number = "n", at, previous = "prev", heads
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        journal = try container.decode(String.self, forKey: .journal)
        number = try container.decode(Int.self, forKey: .number)
        at = try container.decode(Int64.self, forKey: .at)
        previous = try container.decode(String.self, forKey: .previous)
        // Heads are [id, sequence, hash] triples: a third of the size of keyed objects, for millions of them.
        var list = try container.nestedUnkeyedContainer(forKey: .heads)
        var heads: [Head] = []
        while !list.isAtEnd {
            var triple = try list.nestedUnkeyedContainer()
            let id = try triple.decode(String.self)
            guard let uuid = UUID(uuidString: id) else {
                throw DecodingError.dataCorruptedError(in: triple, debugDescription: "not a dossier id")
            }
            heads.append(Head(dossierID: uuid, sequence: try triple.decode(Int.self), hash: try triple.decode(String.self)))
        }
        self.heads = heads
    }

    /// The record's JSON, written by hand: a flush carries tens of thousands of heads and `JSONEncoder` made it
    /// a visible share of the receipt path's CPU. Every value is digits, hex, a dossier id or the journal's name
    /// (letters, digits, `-`, `:`), so nothing needs escaping; ``parse(line:checkedWith:)`` reads it back with
    /// `JSONDecoder`.
    func body() -> [UInt8] {
        var text = "{\"at\":\(at),\"heads\":["
        text.reserveCapacity(120 + heads.count * 112)
        for (index, head) in heads.enumerated() {
            if index > 0 { text += "," }
            text += "[\"" + head.dossierID.lowercasedText + "\"," + String(head.sequence) + ",\"" + head.hash + "\"]"
        }
        text += "],\"journal\":\"" + journal + "\",\"n\":" + String(number) + ",\"prev\":\"" + previous + "\",\"v\":" + String(version) + "}"
        return Array(text.utf8)
    }

    /// The journal line: the keyed code, a space, the record's JSON.
    public func line(sealedWith seal: HistorySeal) -> (line: String, code: String) {
        let body = body()
        let code = seal.authenticate(body)
        return (code + " " + String(decoding: body, as: UTF8.self) + "\n", code)
    }

    /// Why a journal line is refused.
    public enum LineError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case forged
        case unknownKey

        public var description: String {
            switch self {
            case .malformed(let reason): "malformed record (\(reason))"
            case .forged: "its keyed code does not match (the record was changed)"
            case .unknownKey: "made with a history key that is not in the ring"
            }
        }
    }

    /// Reads one line of a journal and checks its keyed code.
    public static func parse(line: Substring, checkedWith seal: HistorySeal) throws(LineError) -> (checkpoint: HistoryCheckpoint, code: String) {
        guard let space = line.firstIndex(of: " ") else { throw .malformed("no keyed code") }
        let code = String(line[..<space])
        let body = Data(line[line.index(after: space)...].utf8)
        switch seal.check(code: code, over: body) {
        case .genuine: break
        case .forged: throw .forged
        case .unknownKey: throw .unknownKey
        }
        do {
            return (try JSONDecoder().decode(HistoryCheckpoint.self, from: body), code)
        } catch {
            throw .malformed("not a checkpoint")
        }
    }
}
