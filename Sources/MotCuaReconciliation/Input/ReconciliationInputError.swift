/// A run stopped because of bad input. No output file has been written.
public struct ReconciliationInputError: Error, Sendable, CustomStringConvertible {
    /// The problem that stopped the run.
    public let issue: InputIssue

    public init(_ issue: InputIssue) { self.issue = issue }

    public var description: String { issue.description }
}
