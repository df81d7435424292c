/// The generator's options are inconsistent.
public struct SyntheticOptionsError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
