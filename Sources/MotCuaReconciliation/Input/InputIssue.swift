/// One problem found in an input file, located by file, line and column.
public struct InputIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the file.
    public let file: String
    /// Physical line number, starting at 1.
    public let line: Int
    /// Column number (1-based field index), when the problem belongs to one field.
    public let column: Int?
    /// Header name of that column, when known.
    public let columnName: String?
    /// What is wrong, in plain words.
    public let message: String

    public init(file: String, line: Int, column: Int?, columnName: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        var text = "\(file):\(line)"
        if let column { text += ", column \(column)" }
        if let columnName { text += " (\(columnName))" }
        return text + ": " + message
    }
}
