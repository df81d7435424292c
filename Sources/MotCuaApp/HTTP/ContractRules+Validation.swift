import Foundation
import HTTPTypes
import MotCuaDomain

extension ContractRules {
    /// Checks the parameters of one request against its operation: a 400 naming the parameter.
    func validateParameters(
        of operation: Operation, pathVariables: [String: String], query: [(key: String, value: String)], headers: HTTPFields
    ) throws(Problem) {
        for parameter in operation.parameters {
            let values: [String]
            switch parameter.location {
            case .path: values = pathVariables[parameter.name].map { [$0] } ?? []
            case .query: values = query.filter { $0.key == parameter.name }.map(\.value)
            case .header: values = HTTPField.Name(parameter.name).map { headers[values: $0] } ?? []
            }
            let schema = parameter.schema.type == "array" ? parameter.schema.items.first ?? Schema() : parameter.schema
            for value in values {
                if let reason = Self.violation(ofParameter: value, schema: schema) {
                    throw Problem(
                        .badRequest, "invalid-parameter",
                        "Tham số '\(parameter.name)' không hợp lệ / parameter '\(parameter.name)' \(reason)", field: parameter.name)
                }
            }
        }
    }

    /// Checks a JSON body against its schema: a 422 naming the field (`applicant.fullName`, `components[2].reference`).
    /// A body that is not JSON is left to the generated decoder, which answers 400.
    func validateBody(_ bytes: [UInt8], schema: Schema) throws(Problem) {
        guard case .violation(let field, let reason) = JSONBodyValidator.verdict(on: bytes, schema: schema) else { return }
        throw Problem(
            .unprocessableContent, "invalid", "Trường '\(field)' không hợp lệ / field '\(field)' \(reason)",
            field: field.isEmpty ? nil : field)
    }

    // MARK: - Rules

    static func violation(ofParameter value: String, schema: Schema) -> String? {
        switch schema.type {
        case "integer", "number":
            guard let number = schema.type == "integer" ? Int(value).map(Double.init) : Double(value), number.isFinite else {
                return schema.type == "integer" ? "must be a whole number" : "must be a number"
            }
            return violation(ofNumber: number, schema: schema)
        case "boolean":
            return value == "true" || value == "false" ? nil : "must be true or false"
        default:
            return violation(ofText: value, schema: schema, lines: .single, defaultMaximum: defaultParameterMaxLength)
        }
    }

    static func violation(ofNumber number: Double, schema: Schema) -> String? {
        if let minimum = schema.minimum, number < minimum { return "must be at least \(Self.format(minimum))" }
        if let maximum = schema.maximum, number > maximum { return "must be at most \(Self.format(maximum))" }
        return nil
    }

    static func violation(ofText text: String, schema: Schema, lines: TextInput.Lines, defaultMaximum: Int) -> String? {
        if let scalar = TextInput.forbiddenScalar(in: text, lines: lines) {
            return "contains the control character \(TextInput.describe(scalar))"
        }
        // JSON Schema counts lengths in code points.
        let length = TextInput.scalarCount(of: text)
        if let minimum = schema.minLength, length < minimum { return "must be at least \(minimum) characters" }
        let maximum = schema.maxLength ?? (schema.format == nil && schema.pattern == nil ? defaultMaximum : Int.max)
        if length > maximum { return "must be at most \(maximum) characters" }
        if let pattern = schema.pattern, !pattern.matches(text) { return "must match \(pattern.source)" }
        switch schema.format {
        case "date-time" where RFC3339DateTranscoder.date(from: text) == nil:
            return "must be an RFC 3339 date-time, e.g. 2026-11-30T09:00:00Z or 2026-11-30T09:00:00.5+07:00"
        case "date" where LocalDate(iso: text) == nil:
            return "must be a date, e.g. 2026-11-30"
        default:
            return nil
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
