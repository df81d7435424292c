import Foundation
import MotCuaStorage

extension ReferenceData {
    /// Loads from `dataDirectory`, or from the files bundled with the app.
    static func load(dataDirectory: String?, calendarDirectory: String?) throws -> ReferenceData {
        if let dataDirectory {
            return try load(root: URL(fileURLWithPath: dataDirectory), calendarDirectory: calendarDirectory)
        }
        guard let bundled = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ReferenceDataError(file: "Resources", reason: "the bundled reference data is missing from the build")
        }
        return try load(root: bundled, calendarDirectory: calendarDirectory)
    }
}
