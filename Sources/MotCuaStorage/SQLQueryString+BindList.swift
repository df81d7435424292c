import SQLKit

extension SQLQueryString {
    /// Appends `values` as a comma-separated list of bound parameters, for `IN (…)`.
    mutating func appendBindList(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { appendInterpolation(unsafeRaw: ", ") }
            appendInterpolation(bind: value)
        }
    }
}
