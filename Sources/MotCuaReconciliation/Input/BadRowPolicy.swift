import Foundation

/// What to do with a row that cannot be read.
public enum BadRowPolicy: Sendable, Hashable {
    /// Stop the run at the first bad row; nothing is written.
    case stop
    /// Skip bad rows and list them, with their location and the raw line, in a rejects CSV.
    case reject(to: URL)
}
