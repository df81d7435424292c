import Logging
import PostgresNIO
import SQLiteNIO

/// What may be logged about an error: its type and, for database errors, the error code.
///
/// Never the error's reflection: `String(reflecting:)` of a `PSQLError` carries the statement and every bound
/// value (applicants' names and ID numbers, form data, notes), and other errors' descriptions may quote input.
public enum LoggableError {
    public static func metadata(_ error: any Error) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["error.type": "\(type(of: error))"]
        switch error {
        case let error as PSQLError:
            metadata["error.code"] = "\(error.code)"
            if let state = error.serverInfo?[.sqlState] { metadata["error.sqlstate"] = "\(state)" }
        case let error as SQLiteError:
            metadata["error.code"] = "\(error.reason)"
        default:
            break
        }
        return metadata
    }
}
