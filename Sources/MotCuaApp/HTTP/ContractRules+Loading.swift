import Foundation
import HTTPTypes
import Yams

/// A contract that cannot be read: the server does not start without its input rules.
struct ContractRulesError: Error, CustomStringConvertible {
    let description: String
}

extension ContractRules {
    /// Reads the rules from the OpenAPI document's YAML text.
    init(yaml: String) throws {
        guard let document = try Yams.load(yaml: yaml) as? [String: Any] else {
            throw ContractRulesError(description: "openapi.yaml is not a YAML mapping")
        }
        let loader = Loader(document: document)
        let servers = document["servers"] as? [[String: Any]]
        let base = (servers?.first?["url"] as? String) ?? ""
        var operations: [Operation] = []
        let paths = document["paths"] as? [String: Any] ?? [:]
        for (template, value) in paths {
            guard let item = value as? [String: Any] else { continue }
            let shared = try (item["parameters"] as? [Any] ?? []).map(loader.parameter)
            let segments = template.split(separator: "/").map { segment -> PathSegment in
                segment.hasPrefix("{") && segment.hasSuffix("}")
                    ? .variable(String(segment.dropFirst().dropLast())) : .literal(String(segment))
            }
            for (method, body) in item {
                guard let operation = body as? [String: Any], let httpMethod = HTTPRequest.Method(method.uppercased()),
                    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(httpMethod.rawValue)
                else { continue }
                let own = try (operation["parameters"] as? [Any] ?? []).map(loader.parameter)
                var schema: Schema?
                if let requestBody = try loader.resolve(operation["requestBody"]),
                    let content = requestBody["content"] as? [String: Any],
                    let json = content["application/json"] as? [String: Any]
                {
                    schema = try loader.schema(json["schema"], depth: 0)
                }
                operations.append(Operation(method: httpMethod, path: segments, parameters: shared + own, body: schema))
            }
        }
        self.init(basePath: base.hasSuffix("/") ? String(base.dropLast()) : base, operations: operations)
    }

    /// Resolves `$ref`s within the document.
    private struct Loader {
        let document: [String: Any]

        func resolve(_ node: Any?) throws -> [String: Any]? {
            guard var node = node as? [String: Any] else { return nil }
            var hops = 0
            while let reference = node["$ref"] as? String {
                hops += 1
                guard hops < 20, reference.hasPrefix("#/") else {
                    throw ContractRulesError(description: "openapi.yaml: unsupported or circular reference \(reference)")
                }
                var target: Any? = document
                for key in reference.dropFirst(2).split(separator: "/") {
                    target = (target as? [String: Any])?[String(key)]
                }
                guard let resolved = target as? [String: Any] else {
                    throw ContractRulesError(description: "openapi.yaml: \(reference) does not exist")
                }
                node = resolved
            }
            return node
        }

        func parameter(_ node: Any) throws -> Parameter {
            guard let node = try resolve(node), let name = node["name"] as? String,
                let location = (node["in"] as? String).flatMap(Location.init(rawValue:))
            else { throw ContractRulesError(description: "openapi.yaml: a parameter lacks its name or location") }
            var schema = try self.schema(node["schema"], depth: 0)
            if schema.type == "string", schema.maxLength == nil, schema.format == nil, schema.pattern == nil {
                schema.maxLength = ContractRules.defaultParameterMaxLength
            }
            return Parameter(name: name, location: location, required: node["required"] as? Bool ?? false, schema: schema)
        }

        func schema(_ node: Any?, depth: Int) throws -> Schema {
            guard depth < 32, let node = try resolve(node) else { return Schema() }
            var schema = Schema()
            schema.type = node["type"] as? String
            schema.format = node["format"] as? String
            schema.minimum = number(node["minimum"])
            schema.maximum = number(node["maximum"])
            schema.minLength = node["minLength"] as? Int
            schema.maxLength = node["maxLength"] as? Int
            schema.maxItems = node["maxItems"] as? Int
            if let source = node["pattern"] as? String {
                do {
                    schema.pattern = Pattern(source: source, expression: try NSRegularExpression(pattern: source))
                } catch {
                    throw ContractRulesError(description: "openapi.yaml: the pattern \(source) does not compile")
                }
            }
            if node["items"] != nil { schema.items = [try self.schema(node["items"], depth: depth + 1)] }
            for (name, property) in node["properties"] as? [String: Any] ?? [:] {
                schema.properties[name] = try self.schema(property, depth: depth + 1)
            }
            if node["additionalProperties"] is [String: Any] {
                schema.additionalProperties = [try self.schema(node["additionalProperties"], depth: depth + 1)]
            }
            return schema
        }

        private func number(_ value: Any?) -> Double? {
            switch value {
            case let value as Int: Double(value)
            case let value as Double: value
            default: nil
            }
        }
    }
}
