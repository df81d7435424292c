import Foundation

/// The validated list of procedures the province offers, loaded from one JSON file per sector.
///
/// A file is either an object `{"source": "…", "note": "…", "procedures": [ … ]}` or a bare array of
/// procedures. Loading is all-or-nothing: the first invalid entry stops it with a `CatalogueError`, so the
/// service never starts with a half-valid catalogue.
public struct ProcedureCatalogue: Sendable {
    /// All procedures, sorted by code.
    public let procedures: [Procedure]
    private let byCode: [String: Procedure]

    /// Provenance of each file: its `source` and `note` fields, keyed by file name.
    public let sources: [String: String]

    /// Decodes and validates the catalogue files.
    /// - Parameters:
    ///   - files: each file's name (repeated in errors) and bytes.
    ///   - agencyIDs: ids of the agency directory; every department named by a procedure must be among them.
    /// - Throws: `CatalogueError` naming the file, the entry and the reason.
    public static func load(files: [(name: String, data: Data)], agencyIDs: Set<String>) throws -> ProcedureCatalogue {
        var firstFile: [String: String] = [:]
        var sectorNames: [String: (vi: String, en: String, code: String)] = [:]
        var sources: [String: String] = [:]
        var all: [Procedure] = []

        for file in files {
            let decoded = try decodeFile(file.data, name: file.name)
            sources[file.name] = [decoded.source, decoded.note].compactMap { $0 }.joined(separator: " — ")
            for (index, procedure) in decoded.procedures.enumerated() {
                func fail(_ reason: CatalogueError.Reason) -> CatalogueError {
                    CatalogueError(file: file.name, index: index, code: procedure.code, reason: reason)
                }
                if let reason = procedure.validationFailure(agencyIDs: agencyIDs) { throw fail(reason) }
                if let earlier = firstFile[procedure.code] { throw fail(.duplicateCode(firstFile: earlier)) }
                // One sector, one name: the portal groups procedures by sector and shows its name once.
                if let names = sectorNames[procedure.sector] {
                    guard names.vi == procedure.sectorNameVi, names.en == procedure.sectorNameEn else {
                        throw fail(.inconsistentSectorName(sector: procedure.sector, firstCode: names.code))
                    }
                } else {
                    sectorNames[procedure.sector] = (procedure.sectorNameVi, procedure.sectorNameEn, procedure.code)
                }
                firstFile[procedure.code] = file.name
                all.append(procedure)
            }
        }
        return ProcedureCatalogue(procedures: all, sources: sources)
    }

    /// Builds a catalogue from procedures that are already validated (or are test fixtures).
    public init(procedures: [Procedure], sources: [String: String] = [:]) {
        self.procedures = procedures.sorted { $0.code < $1.code }
        self.byCode = Dictionary(procedures.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.sources = sources
    }

    /// The procedure with this code, if the province offers it.
    public func procedure(code: String) -> Procedure? {
        byCode[code]
    }

    /// The distinct sector keys, sorted.
    public var sectors: [String] {
        Set(procedures.map(\.sector)).sorted()
    }

    private struct Wrapped: Decodable {
        let source: String?
        let note: String?
        let procedures: [Procedure]
    }

    /// Reads only what is needed to name a broken entry: its code, if it has a readable one.
    private struct CodesOnly: Decodable {
        struct Entry: Decodable {
            let code: String?
            init(from decoder: any Decoder) throws {
                let container = try? decoder.container(keyedBy: CodingKeys.self)
                code = try? container?.decodeIfPresent(String.self, forKey: .code)
            }
            enum CodingKeys: String, CodingKey { case code }
        }
        let procedures: [Entry]
    }

    private static func decodeFile(_ data: Data, name: String) throws(CatalogueError) -> Wrapped {
        let decoder = JSONDecoder()
        let isArray = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "[")
        do {
            if isArray {
                return Wrapped(source: nil, note: nil, procedures: try decoder.decode([Procedure].self, from: data))
            }
            return try decoder.decode(Wrapped.self, from: data)
        } catch let error as DecodingError {
            let index = error.entryIndex(inList: isArray ? nil : "procedures")
            var code: String?
            if let index {
                let entries = isArray
                    ? try? decoder.decode([CodesOnly.Entry].self, from: data)
                    : (try? decoder.decode(CodesOnly.self, from: data))?.procedures
                if let entries, entries.indices.contains(index) { code = entries[index].code }
            }
            throw CatalogueError(file: name, index: index, code: code, reason: .malformedJSON(path: error.pathDescription, detail: error.detail))
        } catch {
            throw CatalogueError(file: name, index: nil, code: nil, reason: .malformedJSON(path: "(top level)", detail: "\(error)"))
        }
    }
}
