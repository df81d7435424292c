import Foundation

/// What to generate.
public struct SyntheticOptions: Sendable {
    /// People in the population register.
    public var people: Int
    /// Records in the source dataset (civil-status events); at most 95% of `people`.
    public var records: Int
    public var seed: UInt64
    public var errors: ErrorMix
    /// Directory for `register.csv`, `source.csv` and `truth.csv`.
    public var directory: URL

    public init(people: Int, records: Int, seed: UInt64 = 1, errors: ErrorMix = ErrorMix(), directory: URL) {
        self.people = people
        self.records = records
        self.seed = seed
        self.errors = errors
        self.directory = directory
    }
}
