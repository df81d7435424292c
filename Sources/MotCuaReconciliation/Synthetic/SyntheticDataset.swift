import Foundation

/// The files of a generated dataset.
public struct SyntheticDataset: Sendable, Hashable {
    public var register: URL
    public var source: URL
    public var truth: URL
}
