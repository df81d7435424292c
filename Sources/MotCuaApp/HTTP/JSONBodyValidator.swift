import MotCuaDomain

/// Checks a JSON body against a contract schema in one pass over its bytes, without building a tree.
///
/// Every receipt's body goes through this, so it matters what it costs: parsing with `JSONSerialization` built an
/// `NSDictionary` of `NSString`s and `NSNumber`s only to walk it once and throw it away. The verdicts are those of
/// that tree walk (the tests keep it as the reference), with the first violation in document order; a body that is
/// not JSON is `malformed` and left to the generated decoder, which answers 400. Two deliberate differences: a raw
/// control character inside a string is read as part of the text, so the text rule names the field instead of the
/// body passing as "not JSON" to a decoder that may be more lenient; and every copy of a repeated key is checked.
struct JSONBodyValidator {
    typealias Schema = ContractRules.Schema

    /// What the walk found.
    enum Verdict: Equatable {
        case valid
        case violation(field: String, reason: String)
        case malformed
    }

    /// Deeper nesting is not JSON this API accepts (the limit `JSONSerialization` and `JSONDecoder` apply too).
    static let maximumDepth = 512

    /// The verdict on `bytes` against `schema`.
    static func verdict(on bytes: [UInt8], schema: Schema) -> Verdict {
        bytes.withUnsafeBufferPointer { buffer in
            var walk = JSONBodyValidator(bytes: buffer)
            do {
                try walk.value(schema, property: nil, depth: 0)
                walk.skipWhitespace()
                guard walk.index == buffer.count else { return .malformed }
            } catch {
                return .malformed
            }
            return walk.found.map { .violation(field: $0.field, reason: $0.reason) } ?? .valid
        }
    }

    private struct Malformed: Error {}

    /// One step of the path to the value being read, for naming the field of a violation.
    private enum Step {
        case key(String)
        case index(Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var path: [Step] = []
    /// The first violation; the walk goes on to the end, because a body that turns out not to be JSON is the
    /// decoder's to refuse.
    private var found: (field: String, reason: String)?

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The field's name as the API reports it: `applicant.fullName`, `components[2].reference`.
    private var field: String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let position): text += "[\(position)]"
            }
        }
        return text
    }

    private mutating func report(_ reason: String, field: String? = nil) {
        if found == nil { found = (field ?? self.field, reason) }
    }

    // MARK: - Values

    /// Reads one value; checks it when a schema applies and nothing was found yet.
    private mutating func value(_ schema: Schema?, property: String?, depth: Int) throws(Malformed) {
        guard depth < Self.maximumDepth else { throw Malformed() }
        skipWhitespace()
        guard index < bytes.count else { throw Malformed() }
        let schema = found == nil ? schema : nil
        switch bytes[index] {
        case UInt8(ascii: "\""):
            let text = try string()
            if let schema, schema.type == nil || schema.type == "string" {
                let lines: TextInput.Lines = property.map(ContractRules.multiLineProperties.contains) == true ? .multiple : .single
                if let reason = ContractRules.violation(
                    ofText: text, schema: schema, lines: lines, defaultMaximum: ContractRules.defaultBodyTextMaxLength)
                {
                    report(reason)
                }
            }
        case UInt8(ascii: "["):
            try array(schema, property: property, depth: depth)
        case UInt8(ascii: "{"):
            try object(schema, depth: depth)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try self.number()
            if let schema, schema.type == "integer" || schema.type == "number",
                let reason = ContractRules.violation(ofNumber: number, schema: schema)
            {
                report(reason)
            }
        default:
            throw Malformed()
        }
    }

    private mutating func array(_ schema: Schema?, property: String?, depth: Int) throws(Malformed) {
        index += 1
        let nothingFoundBefore = found == nil
        var count = 0
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                path.append(.index(count))
                try value(schema?.items.first, property: property, depth: depth + 1)
                path.removeLast()
                count += 1
                skipWhitespace()
                guard index < bytes.count else { throw Malformed() }
                let next = bytes[index]
                index += 1
                if next == UInt8(ascii: "]") { break }
                guard next == UInt8(ascii: ",") else { throw Malformed() }
            }
        }
        // The tree walk counted an array before reading its items, so a count over the bound comes first.
        if nothingFoundBefore, let schema, let maxItems = schema.maxItems, count > maxItems {
            found = (field, "must have at most \(maxItems) items")
        }
    }

    private mutating func object(_ schema: Schema?, depth: Int) throws(Malformed) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
            index += 1
            var valueSchema: Schema?
            if let schema = found == nil ? schema : nil {
                if let scalar = TextInput.forbiddenScalar(in: key) {
                    let here = field
                    report("has a field name with the control character \(TextInput.describe(scalar))", field: here.isEmpty ? "(body)" : here)
                } else if let known = schema.properties[key] {
                    valueSchema = known
                } else if let additional = schema.additionalProperties.first {
                    if key.unicodeScalars.count > 100 {
                        report("has a field name longer than 100 characters")
                    } else {
                        valueSchema = additional
                    }
                }
            }
            path.append(.key(key))
            try value(valueSchema, property: key, depth: depth + 1)
            path.removeLast()
            skipWhitespace()
            guard index < bytes.count else { throw Malformed() }
            let next = bytes[index]
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    // MARK: - Tokens

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw Malformed() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Malformed() }
        index += count
    }

    /// A number by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Malformed) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw Malformed() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw Malformed() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Malformed() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Malformed() }
        }
        guard let number = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) else {
            throw Malformed()
        }
        return number
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }

    /// A string's text, its escapes decoded; the index is on the opening quote.
    private mutating func string() throws(Malformed) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < bytes.count else { throw Malformed() }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return try Self.text(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
        var decoded = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw Malformed() }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try decoded.withUnsafeBufferPointer(Self.text)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Malformed() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"): decoded.append(contentsOf: try escapedScalar().utf8)
                default: throw Malformed()
                }
            default:
                decoded.append(byte)
            }
        }
    }

    /// The scalar of a `\uXXXX` escape (the index is after the `u`), a surrogate pair taken together.
    private mutating func escapedScalar() throws(Malformed) -> String {
        let first = try hexQuad()
        switch first {
        case 0xD800...0xDBFF:
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw Malformed()
            }
            index += 2
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second),
                let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            else { throw Malformed() }
            return String(scalar)
        case 0xDC00...0xDFFF:
            throw Malformed()
        default:
            guard let scalar = Unicode.Scalar(first) else { throw Malformed() }
            return String(scalar)
        }
    }

    private mutating func hexQuad() throws(Malformed) -> UInt32 {
        guard bytes.count - index >= 4 else { throw Malformed() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Text that is not UTF-8 is not JSON. Decoding repairs bad sequences, so a repaired text differs from its bytes;
    /// `String(validating:)` would say the same through generic code that is not specialised, at several times the cost.
    private static func text(_ utf8: UnsafeBufferPointer<UInt8>) throws(Malformed) -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        guard text.utf8.elementsEqual(utf8) else { throw Malformed() }
        return text
    }
}
