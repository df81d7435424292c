import Foundation
import MotCuaDomain

/// Writes a synthetic scanned register book (small PNG page images from the domain's QR renderer, and a
/// manifest) for demonstrations and the import benchmark. Each page's image differs, so no two pages share a blob.
public enum LegacySampleBook {
    /// Writes `pages` images and `manifest.csv` into `folder` (created if needed); `progress` gets pages written.
    public static func write(
        to folder: URL, pages: Int, entriesPerPage: Int, label: String, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var manifest = "page,file,entries\n"
        for page in 1...max(1, pages) {
            let name = String(format: "p%05d.png", page)
            let image = try QRCode(text: "Sổ đăng ký \(label) — trang \(page)").png(scale: 2, border: 2)
            try Data(image).write(to: folder.appendingPathComponent(name))
            manifest += "\(page),\(name),\(entriesPerPage)\n"
            if page % 500 == 0 { progress(page) }
        }
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("manifest.csv"))
    }
}
