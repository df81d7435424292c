import Foundation
import MotCuaDomain
import SQLKit

/// Where a page of a person's archive ends, in the archive's one order: newest first by the item's time
/// (milliseconds), then by kind, then by identifier, all descending. Items of every kind share this order, so a
/// page is the merge of each kind's next rows and the cursor stays stable when many items share a date.
public struct ArchivePosition: Sendable, Hashable, Comparable {
    public let at: Int
    /// The item kind's stored name (`result`, `document`, and any kind added later).
    public let kind: String
    public let id: String

    public init(at: Int, kind: String, id: String) {
        self.at = at
        self.kind = kind
        self.id = id
    }

    /// Ascending tuple order; the archive lists in descending order.
    public static func < (lhs: ArchivePosition, rhs: ArchivePosition) -> Bool {
        (lhs.at, lhs.kind, lhs.id) < (rhs.at, rhs.kind, rhs.id)
    }

    /// The opaque form handed to clients: base64url of `at|kind|id`.
    public var cursor: String {
        Base64URL.encode(Data("\(at)|\(kind)|\(id)".utf8))
    }

    /// Reads a cursor; nil when it is not one this archive handed out.
    public init?(cursor: String) {
        guard cursor.count <= 400, let bytes = Base64URL.decode(cursor), let text = String(data: bytes, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let at = Int(parts[0]), at >= 0, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLetter || $0 == "_" }),
            !parts[2].isEmpty, TextInput.forbiddenScalar(in: parts[2]) == nil
        else { return nil }
        self.init(at: at, kind: parts[1], id: parts[2])
    }

    /// The SQL condition "strictly after `self` in the archive's descending order" for rows of one kind whose
    /// time and identifier are in `atColumn` and `idColumn`. The kind is constant within one table, so the
    /// three-part comparison reduces to one on time (and identifier for the same kind), which the indexes serve.
    func after(kind rowKind: String, atColumn: String, idColumn: String) -> SQLQueryString {
        if rowKind < kind { return "\(unsafeRaw: atColumn) <= \(bind: at)" }
        if rowKind > kind { return "\(unsafeRaw: atColumn) < \(bind: at)" }
        return "(\(unsafeRaw: atColumn) < \(bind: at) OR (\(unsafeRaw: atColumn) = \(bind: at) AND \(unsafeRaw: idColumn) < \(bind: id)))"
    }
}
