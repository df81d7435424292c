/// One field that differs between a source record and the register, with both values.
public struct FieldDiscrepancy: Sendable, Hashable, Codable {
    /// Logical field name, e.g. `full_name`, `date_of_birth`.
    public var field: String
    public var sourceValue: String
    public var registerValue: String

    public init(field: String, sourceValue: String, registerValue: String) {
        self.field = field
        self.sourceValue = sourceValue
        self.registerValue = registerValue
    }
}
