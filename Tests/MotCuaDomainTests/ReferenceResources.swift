import Foundation
import MotCuaDomain

/// The real data files under `Sources/MotCuaApp/Resources`, found from this file's path so tests read the
/// same bytes the app ships.
enum ReferenceResources {
    static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // MotCuaDomainTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Sources/MotCuaApp/Resources")
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relativePath))
    }

    /// The JSON files of a resource folder, sorted by name, as (name, bytes).
    static func jsonFiles(in folder: String) throws -> [(name: String, data: Data)] {
        let directory = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
    }

    /// The bundled schedules combined as at start-up (2025 and 2026 official, 2027 provisional).
    static func publishedSchedule() throws -> HolidaySchedule {
        try HolidaySchedule.combining(try jsonFiles(in: "calendar").map { try HolidaySchedule.decode($0.data, source: $0.name) })
    }

    static func publishedCalendar() throws -> WorkingCalendar {
        WorkingCalendar(schedule: try publishedSchedule())
    }

    static func agencies() throws -> AgencyDirectory {
        try AgencyDirectory.load(try data("agencies.json"), source: "agencies.json")
    }

    static func catalogue() throws -> ProcedureCatalogue {
        try ProcedureCatalogue.load(files: try jsonFiles(in: "catalogue"), agencyIDs: try agencies().ids)
    }
}

/// Builds instants in Vietnam time with Foundation's own calendar, independently of `WorkingCalendar`'s
/// arithmetic, so the tests cross-check it.
enum VietnamTime {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar
    }()

    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day)!
    }
}
