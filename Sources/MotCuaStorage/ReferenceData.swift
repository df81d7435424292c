import Foundation
import MotCuaDomain

/// The data the platform runs on that lives in the repository, not the database: agencies, the procedure
/// catalogue and the working-day calendar. Loaded and validated at start; any defect stops start-up.
public struct ReferenceData: Sendable {
    public let agencies: AgencyDirectory
    public let catalogue: ProcedureCatalogue
    public let calendar: WorkingCalendar
    /// The legal fields of each electronic result type the catalogue's procedures end in.
    public let resultTypes: ResultTypeCatalogue

    public init(
        agencies: AgencyDirectory, catalogue: ProcedureCatalogue, calendar: WorkingCalendar,
        resultTypes: ResultTypeCatalogue = ResultTypeCatalogue([])
    ) {
        self.agencies = agencies
        self.catalogue = catalogue
        self.calendar = calendar
        self.resultTypes = resultTypes
    }

    /// Loads `agencies.json`, `catalogue/*.json` and `calendar/*.json` from `root`, plus extra holiday files.
    public static func load(root: URL, calendarDirectory: String?) throws -> ReferenceData {
        let agenciesFile = root.appendingPathComponent("agencies.json")
        let agencies = try wrap(agenciesFile.path) {
            try AgencyDirectory.load(try Data(contentsOf: agenciesFile), source: agenciesFile.path)
        }
        let catalogueFiles = try jsonFiles(in: root.appendingPathComponent("catalogue"))
        guard !catalogueFiles.isEmpty else {
            throw ReferenceDataError(file: root.appendingPathComponent("catalogue").path, reason: "no procedure files (*.json)")
        }
        let catalogue = try wrap(root.appendingPathComponent("catalogue").path) {
            try ProcedureCatalogue.load(
                files: try catalogueFiles.map { ($0.lastPathComponent, try Data(contentsOf: $0)) },
                agencyIDs: Set(agencies.agencies.map(\.id)))
        }
        var calendarFiles = try jsonFiles(in: root.appendingPathComponent("calendar"))
        if let calendarDirectory { calendarFiles += try jsonFiles(in: URL(fileURLWithPath: calendarDirectory)) }
        guard !calendarFiles.isEmpty else {
            throw ReferenceDataError(file: root.appendingPathComponent("calendar").path, reason: "no holiday schedule files (*.json)")
        }
        let schedules = try calendarFiles.map { file in
            try wrap(file.path) { try HolidaySchedule.decode(try Data(contentsOf: file), source: file.path) }
        }
        // Overlapping versions of a year are rejected; an official file replaces a provisional one.
        let schedule = try wrap(root.appendingPathComponent("calendar").path) { try HolidaySchedule.combining(schedules) }
        let resultTypesFile = root.appendingPathComponent("results/result-types.json")
        let resultTypes = try wrap(resultTypesFile.path) { try ResultTypeCatalogue.load(try Data(contentsOf: resultTypesFile)) }
        // A procedure whose result type has no declared fields could never be signed: refuse to start.
        for procedure in catalogue.procedures {
            if let type = procedure.resultType, resultTypes.spec(type) == nil {
                throw ReferenceDataError(file: resultTypesFile.path, reason: "procedure \(procedure.code) ends in \(type.rawValue), which is not declared")
            }
        }
        return ReferenceData(
            agencies: agencies, catalogue: catalogue, calendar: WorkingCalendar(schedule: schedule), resultTypes: resultTypes)
    }

    private static func jsonFiles(in directory: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func wrap<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ReferenceDataError { throw error } catch {
            throw ReferenceDataError(file: file, reason: String(describing: error))
        }
    }
}

/// A reference-data file that cannot be used; names the file and the reason.
public struct ReferenceDataError: Error, CustomStringConvertible {
    public let file: String
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
