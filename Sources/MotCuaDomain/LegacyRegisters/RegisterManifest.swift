import Foundation

/// What an import of a register book contains: one row per scanned page, with its image file and how many
/// entries the page holds. Read from `manifest.csv` (`page,file,entries`) or `manifest.json`
/// (`{"pages": [{"page": 1, "file": "p001.jpg", "entries": 20}]}`); see docs/legacy-registers.md.
public struct RegisterManifest: Sendable, Hashable {
    public struct Page: Sendable, Hashable, Codable {
        public let page: Int
        public let file: String
        public let entries: Int

        public init(page: Int, file: String, entries: Int) {
            self.page = page
            self.file = file
            self.entries = entries
        }
    }

    /// Pages in page order.
    public let pages: [Page]
    public var entryCount: Int { pages.reduce(0) { $0 + $1.entries } }

    /// At most this many entries on a page, pages in a book (registers hold a few hundred pages; the bound keeps
    /// a mistyped number from creating millions of slots).
    public static let maximumEntriesPerPage = 200
    public static let maximumPages = 20_000

    /// Checks the pages: numbers 1… unique, file names plain (no directories) and unique, 1…200 entries.
    public init(pages: [Page]) throws(LegacyRegisterError) {
        guard !pages.isEmpty else { throw .invalid(field: "manifest", message: "lists no page") }
        guard pages.count <= Self.maximumPages else { throw .invalid(field: "manifest", message: "more than \(Self.maximumPages) pages") }
        var numbers = Set<Int>()
        var files = Set<String>()
        for page in pages {
            let where_ = "manifest page \(page.page)"
            guard page.page >= 1, numbers.insert(page.page).inserted else {
                throw .invalid(field: where_, message: "page numbers must be positive and appear once")
            }
            let file = page.file
            guard !file.isEmpty, file.count <= 255, !file.contains("/"), !file.contains("\\"), file != ".", file != "..",
                TextInput.forbiddenScalar(in: file) == nil
            else { throw .invalid(field: where_, message: "file must be a plain file name") }
            guard files.insert(file).inserted else { throw .invalid(field: where_, message: "file \(file) is listed twice") }
            guard (1...Self.maximumEntriesPerPage).contains(page.entries) else {
                throw .invalid(field: where_, message: "entries must be 1–\(Self.maximumEntriesPerPage)")
            }
        }
        self.pages = pages.sorted { $0.page < $1.page }
    }

    /// Parses a CSV manifest: a header naming `page`, `file` and `entries` (any order, other columns ignored).
    public static func csv(_ text: String) throws(LegacyRegisterError) -> RegisterManifest {
        var lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
        lines.removeAll { $0.isEmpty }
        guard let header = lines.first else { throw .invalid(field: "manifest", message: "is empty") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let pageColumn = names.firstIndex(of: "page"), let fileColumn = names.firstIndex(of: "file"),
            let entriesColumn = names.firstIndex(of: "entries")
        else { throw .invalid(field: "manifest", message: "the header must name the columns page, file and entries") }
        var pages: [Page] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == names.count, let page = Int(cells[pageColumn]), let entries = Int(cells[entriesColumn]) else {
                throw .invalid(field: "manifest line \(offset + 2)", message: "needs \(names.count) cells with whole numbers for page and entries")
            }
            pages.append(Page(page: page, file: cells[fileColumn], entries: entries))
        }
        return try RegisterManifest(pages: pages)
    }

    /// Parses a JSON manifest.
    public static func json(_ data: Data) throws(LegacyRegisterError) -> RegisterManifest {
        struct Document: Decodable { let pages: [Page] }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw .invalid(field: "manifest", message: "is not a JSON object {\"pages\": [{\"page\", \"file\", \"entries\"}]}")
        }
        return try RegisterManifest(pages: document.pages)
    }
}
