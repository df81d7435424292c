import Foundation
import MotCuaStorage

/// The repository's real reference data, read from the source tree.
public enum Fixtures {
    /// `Sources/MotCuaApp/Resources`.
    public static var resources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MotCuaApp/Resources")
    }

    public static func reference() throws -> ReferenceData {
        try ReferenceData.load(root: resources, calendarDirectory: nil)
    }
}
