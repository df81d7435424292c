import Foundation

/// The legal fields of every result type, loaded from `results/result-types.json` and validated at start-up.
public struct ResultTypeCatalogue: Sendable {
    private let specs: [ResultType: ResultTypeSpec]

    public init(_ specs: [ResultTypeSpec]) {
        self.specs = Dictionary(specs.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func spec(_ type: ResultType) -> ResultTypeSpec? { specs[type] }

    public var all: [ResultTypeSpec] { specs.values.sorted { $0.type.rawValue < $1.type.rawValue } }

    private struct File: Decodable {
        let source: String?
        let types: [ResultTypeSpec]
    }

    /// Decodes and validates the file; the error names the type and the rule it breaks.
    public static func load(_ data: Data) throws -> ResultTypeCatalogue {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ResultTypeCatalogueError(type: nil, reason: "unreadable: " + ((error as? DecodingError).map { "\($0.pathDescription): \($0.detail)" } ?? String(describing: error)))
        }
        var seen: Set<ResultType> = []
        for spec in file.types {
            func fail(_ reason: String) -> ResultTypeCatalogueError { ResultTypeCatalogueError(type: spec.type.rawValue, reason: reason) }
            guard seen.insert(spec.type).inserted else { throw fail("declared twice") }
            for (name, text) in [("nameVi", spec.nameVi), ("nameEn", spec.nameEn), ("legalBasis", spec.legalBasis)] {
                if text.isBlank { throw fail("\(name) is empty") }
                if !text.isNFC { throw fail("\(name) is not NFC") }
            }
            if let months = spec.validityMonths, !(1...1200).contains(months) { throw fail("validityMonths must be 1...1200") }
            if let book = spec.registerBook, !book.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) || book.isEmpty {
                throw fail("registerBook must be ASCII letters, digits or '-'")
            }
            guard !spec.fields.isEmpty else { throw fail("no fields") }
            var keys: Set<String> = []
            for field in spec.fields {
                guard !field.key.isEmpty, field.key.first!.isLowercase, field.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw fail("field key '\(field.key)' must be lower camel case ASCII")
                }
                guard keys.insert(field.key).inserted else { throw fail("field \(field.key) declared twice") }
                if field.labelVi.isBlank || field.labelEn.isBlank { throw fail("field \(field.key) has an empty label") }
                if !field.labelVi.isNFC { throw fail("field \(field.key): labelVi is not NFC") }
                if let prefill = field.prefill, !(["applicant.name", "applicant.id"].contains(prefill) || prefill.hasPrefix("form.") && prefill.count > 5) {
                    throw fail("field \(field.key): prefill must be applicant.name, applicant.id or form.<key>")
                }
            }
            guard keys.contains(spec.holderField) else { throw fail("holderField \(spec.holderField) is not a field") }
        }
        return ResultTypeCatalogue(file.types)
    }
}

/// A result-type file that cannot be used, with the type and the reason.
public struct ResultTypeCatalogueError: Error, Sendable, CustomStringConvertible {
    public let type: String?
    public let reason: String

    public var description: String { "result type \(type ?? "-"): \(reason)" }
}
