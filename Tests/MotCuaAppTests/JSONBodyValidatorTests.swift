import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import Testing

@testable import MotCuaApp

/// `JSONBodyValidator` against the tree walk it replaced: `JSONSerialization` builds the tree, and a walk over it lists
/// every violation that walk could have reported first (its objects are dictionaries, so their order is arbitrary).
/// Bodies are generated from the served contract's own schemas, with values on and past every bound, escapes of every
/// kind, and damage to the bytes.
@Suite struct JSONBodyValidatorTests {
    static let rules: ContractRules = {
        let yaml = try! String(contentsOf: OpenAPIDocument.url!, encoding: .utf8)
        return try! ContractRules(yaml: yaml)
    }()
    static let bodySchemas: [ContractRules.Schema] = rules.operations.compactMap(\.body)

    @Test func verdictsMatchTheTreeWalkOnGeneratedBodiesOfEveryOperation() throws {
        var random = SeededRandom(seed: 766)
        var violations = 0
        for round in 0..<6_000 {
            let schema = Self.bodySchemas[round % Self.bodySchemas.count]
            let value = BodyMaker.value(for: schema, depth: 0, using: &random)
            let bytes = BodyMaker.serialize(value, using: &random, whitespace: true)
            let verdict = JSONBodyValidator.verdict(on: bytes, schema: schema)
            let possible = try #require(
                TreeWalk.possibleFirstViolations(of: bytes, schema: schema), "generated JSON parses: \(String(decoding: bytes, as: UTF8.self))")
            switch verdict {
            case .valid:
                #expect(possible.isEmpty, "\(String(decoding: bytes, as: UTF8.self)): the tree walk found \(possible)")
            case .violation(let field, let reason):
                violations += 1
                #expect(
                    possible.contains { $0 == (field, reason) },
                    "\(String(decoding: bytes, as: UTF8.self)): \(field) \(reason) is not among \(possible)")
            case .malformed:
                Issue.record("\(String(decoding: bytes, as: UTF8.self)) is JSON")
            }
        }
        // The generator reaches both sides of the bounds, not only one.
        #expect(violations > 1_000 && violations < 5_000)
    }

    @Test func damagedBodiesAreMalformedExactlyWhenJSONSerializationRefusesThem() {
        var random = SeededRandom(seed: 118)
        var malformed = 0
        for round in 0..<6_000 {
            let schema = Self.bodySchemas[round % Self.bodySchemas.count]
            var bytes = BodyMaker.serialize(BodyMaker.value(for: schema, depth: 0, using: &random), using: &random, whitespace: false)
            switch random.next() % 3 {
            case 0: bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0x20...0xFF, using: &random)
            default: bytes.insert(UInt8.random(in: 0x20...0xFF, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            }
            let refused = TreeWalk.possibleFirstViolations(of: bytes, schema: schema) == nil
            let verdict = JSONBodyValidator.verdict(on: bytes, schema: schema)
            if refused { malformed += 1 }
            #expect(
                (verdict == .malformed) == refused,
                "\(String(decoding: bytes, as: UTF8.self)): \(verdict), JSONSerialization \(refused ? "refuses" : "accepts") it")
        }
        #expect(malformed > 2_000)
    }

    @Test func aCommaBeforeTheEndOfAnObjectOrArrayIsNotJSON() throws {
        let schema = try #require(Self.rules.match(path: "/api/v1/dossiers")?.operations.first { $0.method == .post }?.body)
        for body in [#"{"procedureCode":"1.000656",}"#, #"{"components":[{"code":"a"},]}"#, "{\"channel\":\"counter\" ,\n }"] {
            #expect(JSONBodyValidator.verdict(on: Array(body.utf8), schema: schema) == .malformed, "\(body)")
            #expect(TreeWalk.hasTrailingComma(Array(body.utf8)))
        }
        #expect(!TreeWalk.hasTrailingComma(Array(#"{"note":"a,}","list":[1,2]}"#.utf8)))
    }

    @Test func aRawControlCharacterInsideAStringIsNamedAsTheFieldsNotPassedAsNotJSON() throws {
        let schema = try #require(Self.rules.match(path: "/api/v1/dossiers")?.operations.first { $0.method == .post }?.body)
        let body = Array(#"{"procedureCode":"1.000656","applicant":{"citizenId":"001","fullName":"Nguyễn"#.utf8) + [0x00]
            + Array(#" Văn A"}}"#.utf8)
        #expect(
            JSONBodyValidator.verdict(on: body, schema: schema)
                == .violation(field: "applicant.fullName", reason: "contains the control character U+0000"))
    }

    @Test func nestingDeeperThanTheLimitIsMalformedWithoutExhaustingTheStack() throws {
        let schema = try #require(Self.bodySchemas.first)
        let depth = 200_000
        let body = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        #expect(JSONBodyValidator.verdict(on: body, schema: schema) == .malformed)
        let shallow = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(JSONBodyValidator.verdict(on: shallow, schema: schema) != .malformed)
    }
}

/// The reference: the tree walk `ContractRules.validateBody` did before `JSONBodyValidator`, listing every violation
/// it could report first instead of the one a dictionary's order happened to give.
private enum TreeWalk {
    typealias Schema = ContractRules.Schema

    /// `nil` when `JSONSerialization` refuses the bytes.
    static func possibleFirstViolations(of bytes: [UInt8], schema: Schema) -> [(String, String)]? {
        // Foundation's parser accepts a comma before `}` or `]`, which RFC 8259's grammar does not allow.
        guard !hasTrailingComma(bytes),
            let json = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        else { return nil }
        return violations(of: json, schema: schema, path: "", property: nil)
    }

    /// Whether a comma outside strings is followed, after whitespace, by the end of an object or array.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if afterComma { return true }
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            afterComma = byte == UInt8(ascii: ",")
        }
        return false
    }

    private static func violations(of value: Any, schema: Schema, path: String, property: String?) -> [(String, String)] {
        switch value {
        case let text as String:
            guard schema.type == nil || schema.type == "string" else { return [] }
            let lines: TextInput.Lines = property.map(ContractRules.multiLineProperties.contains) == true ? .multiple : .single
            return ContractRules.violation(
                ofText: text, schema: schema, lines: lines, defaultMaximum: ContractRules.defaultBodyTextMaxLength
            ).map { [(path, $0)] } ?? []
        case let array as [Any]:
            if let maxItems = schema.maxItems, array.count > maxItems { return [(path, "must have at most \(maxItems) items")] }
            guard let items = schema.items.first else { return [] }
            for (index, item) in array.enumerated() {
                let found = violations(of: item, schema: items, path: "\(path)[\(index)]", property: property)
                if !found.isEmpty { return found }
            }
            return []
        case let object as [String: Any]:
            var found: [(String, String)] = []
            for (key, item) in object {
                if let scalar = TextInput.forbiddenScalar(in: key) {
                    found.append((path.isEmpty ? "(body)" : path, "has a field name with the control character \(TextInput.describe(scalar))"))
                    continue
                }
                let field = path.isEmpty ? key : "\(path).\(key)"
                if let known = schema.properties[key] {
                    found += violations(of: item, schema: known, path: field, property: key)
                } else if let additional = schema.additionalProperties.first {
                    if key.unicodeScalars.count > 100 {
                        found.append((path, "has a field name longer than 100 characters"))
                        continue
                    }
                    found += violations(of: item, schema: additional, path: field, property: key)
                }
            }
            return found
        case let number as NSNumber:
            // JSONSerialization gives booleans as `NSNumber`s too (`__NSCFBoolean`), and the old walk read `true` as 1.
            // A boolean is not a number for the contract: the decoder refuses it where a number belongs.
            guard schema.type == "integer" || schema.type == "number", "\(type(of: number))" != "__NSCFBoolean" else { return [] }
            return ContractRules.violation(ofNumber: number.doubleValue, schema: schema).map { [(path, $0)] } ?? []
        default:
            return []
        }
    }
}

/// Random JSON shaped by a contract schema, near and past its bounds.
private enum BodyMaker {
    indirect enum Value {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    static let texts = [
        "Nguyễn Văn Thử", "001203004567", "2026-11-30", "2026-11-30T09:00:00Z", "2026-02-30", "KQ-ABCD", "", " ",
        "a\u{0}b", "line\nbreak", "tab\there", "\u{7}", "\u{202E}evil", "\u{FFFF}", "emoji 🇻🇳 ✓", "Ðặng", "x/y\\z\"q\"",
        "Nguye\u{0302}\u{0303}n", "\u{85}", "1.000656", "counter", "online", "=1+1",
    ]

    static func value(for schema: ContractRules.Schema, depth: Int, using random: inout SeededRandom) -> Value {
        if depth > 5 || Int.random(in: 0..<40, using: &random) == 0 { return anyScalar(using: &random) }
        if !schema.properties.isEmpty || !schema.additionalProperties.isEmpty || schema.type == "object" {
            var members: [(String, Value)] = []
            for (key, property) in schema.properties.sorted(by: { $0.key < $1.key }) where Int.random(in: 0..<10, using: &random) < 7 {
                members.append((key, value(for: property, depth: depth + 1, using: &random)))
            }
            let extra = schema.additionalProperties.isEmpty ? Int.random(in: 0..<10, using: &random) / 8 : Int.random(in: 0...3, using: &random)
            for index in 0..<extra {
                let key: String
                switch Int.random(in: 0..<12, using: &random) {
                case 0: key = "k\u{1}\(index)"
                case 1: key = String(repeating: "k", count: 100 + Int.random(in: 0...1, using: &random)) + "\(index)"
                case 2: key = "ghiChu\(index)"
                default: key = "extra\(index)"
                }
                guard !members.contains(where: { $0.0 == key }) else { continue }
                members.append((key, value(for: schema.additionalProperties.first ?? .init(), depth: depth + 1, using: &random)))
            }
            members.shuffle(using: &random)
            return .object(members)
        }
        switch schema.type {
        case "array":
            let bound = schema.maxItems ?? 4
            let count = Int.random(in: 0..<10, using: &random) == 0 ? bound + 1 : Int.random(in: 0...min(bound, 4), using: &random)
            let item = schema.items.first ?? .init()
            return .array((0..<count).map { _ in value(for: item, depth: depth + 1, using: &random) })
        case "integer", "number":
            let edges = [schema.minimum, schema.maximum].compactMap { $0 }
            let edge = edges.randomElement(using: &random) ?? 0
            let candidates = [
                edge, edge - 1, edge + 1, edge + 0.5, 0, 1, -7, 1e20, 3.25,
            ]
            let number = candidates.randomElement(using: &random)!
            let text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            return .number(Int.random(in: 0..<8, using: &random) == 0 && !text.contains("e") ? text + "e0" : text)
        case "boolean":
            return .bool(Bool.random(using: &random))
        default:
            return .string(text(for: schema, using: &random))
        }
    }

    static func text(for schema: ContractRules.Schema, using random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let limit = schema.maxLength ?? ContractRules.defaultBodyTextMaxLength
            return String(repeating: "ệ", count: limit + Int.random(in: -1...1, using: &random))
        case 1:
            if let minimum = schema.minLength { return String(repeating: "a", count: max(0, minimum - 1)) }
            return texts.randomElement(using: &random)!
        default:
            return texts.randomElement(using: &random)!
        }
    }

    static func anyScalar(using random: inout SeededRandom) -> Value {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: .null
        case 1: .bool(Bool.random(using: &random))
        case 2: .number(["0", "-0.5", "42", "1E3", "-12e-2"].randomElement(using: &random)!)
        case 3: .array([.string("x"), .null])
        default: .string(texts.randomElement(using: &random)!)
        }
    }

    static func serialize(_ value: Value, using random: inout SeededRandom, whitespace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func space() {
            guard whitespace, Int.random(in: 0..<4, using: &random) == 0 else { return }
            out += Array([" ", "\n", "\t", "\r\n  "].randomElement(using: &random)!.utf8)
        }
        func write(_ value: Value) {
            space()
            switch value {
            case .string(let text): writeString(text)
            case .number(let text): out += Array(text.utf8)
            case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
            case .null: out += Array("null".utf8)
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    write(item)
                }
                space()
                out.append(UInt8(ascii: "]"))
            case .object(let members):
                out.append(UInt8(ascii: "{"))
                for (index, (key, item)) in members.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    space()
                    writeString(key)
                    space()
                    out.append(UInt8(ascii: ":"))
                    write(item)
                }
                space()
                out.append(UInt8(ascii: "}"))
            }
            space()
        }
        func writeString(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for scalar in text.unicodeScalars {
                let escapeAnyway = Int.random(in: 0..<6, using: &random) == 0
                switch scalar {
                case "\"": out += Array(#"\""#.utf8)
                case "\\": out += Array(#"\\"#.utf8)
                case "/" where escapeAnyway: out += Array(#"\/"#.utf8)
                case "\n" where !escapeAnyway: out += Array(#"\n"#.utf8)
                case "\t" where !escapeAnyway: out += Array(#"\t"#.utf8)
                default:
                    if scalar.value < 0x20 || escapeAnyway {
                        for unit in String(scalar).utf16 {
                            let hex = String(unit, radix: 16, uppercase: Bool.random(using: &random))
                            out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                        }
                    } else {
                        out += Array(String(scalar).utf8)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        write(value)
        return out
    }
}
