import Foundation
import MotCuaDomain
import ZIPFoundation

/// A scanned register book delivered as a ZIP file: the page images and the manifest, at the top of the archive
/// or in one folder. It is unpacked into a fresh owner-only directory and imported like a folder.
///
/// An archive is someone else's file, so nothing in it is trusted: names are flattened to their last component
/// (no path in it can reach outside the directory), links and nested folders are refused, and the bytes written
/// are counted as they are inflated, so an entry that lies about its size (a "zip bomb") stops at the limit.
enum RegisterBookArchive {
    /// The manifest allows 20,000 pages; with the manifest itself and some slack.
    static let maximumEntries = 20_010
    /// All pages together: far beyond a real book, short of filling a disk.
    static let maximumTotalBytes: UInt64 = 16 << 30
    /// The name of every directory an archive is unpacked into starts so (removed at start-up when abandoned).
    static let directoryPrefix = "motcua-register-"

    /// Whether the file starts like a ZIP archive (a local file header, or the end record of an empty one).
    static func isArchive(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04]) || magic == Data([0x50, 0x4B, 0x05, 0x06])
    }

    /// Unpacks `file` into a new directory under `parent` and returns it; the caller removes it.
    static func unpack(_ file: URL, into parent: URL, maximumFileBytes: Int) throws -> URL {
        let archive: Archive
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw LegacyRegisterError.invalid(field: "archive", message: "not a readable ZIP file")
        }
        var names: [(entry: Entry, name: String)] = []
        var folders = Set<String>()
        for entry in archive {
            let path = entry.path
            // Files a Mac adds beside the real ones.
            if path.hasPrefix("__MACOSX/") || path.hasSuffix("/.DS_Store") || path == ".DS_Store" { continue }
            guard !path.hasPrefix("/"), !path.contains("\\"), !path.split(separator: "/").contains(".."),
                !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                throw LegacyRegisterError.invalid(field: "archive", message: "entry '\(path.prefix(100))' has a path that is not allowed")
            }
            switch entry.type {
            case .directory:
                continue
            case .symlink:
                throw LegacyRegisterError.invalid(field: "archive", message: "entry '\(path.prefix(100))' is a link; only files are accepted")
            case .file:
                let parts = path.split(separator: "/")
                guard parts.count <= 2, let name = parts.last else {
                    throw LegacyRegisterError.invalid(field: "archive", message: "entry '\(path.prefix(100))' is nested more than one folder deep")
                }
                if parts.count == 2 { folders.insert(String(parts[0])) }
                names.append((entry, String(name)))
            }
            guard names.count <= maximumEntries else {
                throw LegacyRegisterError.invalid(field: "archive", message: "more than \(maximumEntries) files")
            }
        }
        guard folders.count <= 1, Set(names.map(\.name)).count == names.count else {
            throw LegacyRegisterError.invalid(field: "archive", message: "the pages and the manifest must be in one folder, each name once")
        }
        let directory = parent.appendingPathComponent(directoryPrefix + UUID().lowercasedText)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            var total: UInt64 = 0
            for (entry, name) in names {
                let target = directory.appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let output = try? FileHandle(forWritingTo: target)
                else { throw LegacyRegisterError.invalid(field: "archive", message: "cannot write \(name)") }
                defer { try? output.close() }
                var written = 0
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { chunk in
                        written += chunk.count
                        total += UInt64(chunk.count)
                        guard written <= maximumFileBytes, total <= maximumTotalBytes else { throw ArchiveLimit() }
                        try output.write(contentsOf: chunk)
                    }
                } catch is ArchiveLimit {
                    throw LegacyRegisterError.invalid(field: "archive", message: "\(name) unpacks to more than the limit of a page scan")
                } catch {
                    throw LegacyRegisterError.invalid(field: "archive", message: "\(name) cannot be unpacked (damaged archive)")
                }
            }
            return directory
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    private struct ArchiveLimit: Error {}
}
