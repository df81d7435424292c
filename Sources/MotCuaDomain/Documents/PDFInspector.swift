/// The structure of a PDF file (ISO 32000): the `%PDF-` header, the `%%EOF` trailer marker, the trailer or
/// cross-reference stream dictionary (refused if it names an `/Encrypt` dictionary), and the page count from
/// the root's page tree. Objects are found by walking the file from the start (skipping stream data) and
/// inside compressed object streams, so the check does not depend on exact cross-reference offsets, which
/// scanning software often gets slightly wrong.
final class PDFInspector {
    let bytes: UnsafeRawBufferPointer
    let limits: DocumentLimits

    /// Where each object's value starts, in the file or in a decoded object stream (the later definition wins,
    /// as incremental updates intend).
    private var objects: [Int: Int] = [:]
    private var objectStreams: [(dictionary: [String: PDFObject], data: Range<Int>)] = []
    private var compressedObjects: [Int: (stream: Int, offset: Int)]?
    private var decodedStreams: [[UInt8]] = []
    /// Trailer dictionaries and cross-reference stream dictionaries, in file order.
    private var trailers: [[String: PDFObject]] = []

    init(bytes: UnsafeRawBufferPointer, limits: DocumentLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    private func damaged(_ vi: String, _ en: String) -> DocumentCheckError { .damaged(.pdf, vi: vi, en: en) }

    func inspect() throws -> DocumentInspection {
        try checkHeader()
        // The file must end with %%EOF (within the last 1024 bytes, as readers allow): otherwise it was cut short.
        guard lastOccurrence(of: "%%EOF", from: max(0, bytes.count - 1024)) != nil else { throw DocumentCheckError.truncated(.pdf) }
        try indexObjects()
        guard !trailers.isEmpty else {
            throw damaged("không có từ điển trailer hay bảng tham chiếu chéo", "it has no trailer or cross-reference stream dictionary")
        }
        if trailers.contains(where: { $0["Encrypt"] != nil }) { throw DocumentCheckError.encrypted }
        guard case .reference(let rootNumber)? = trailers.last(where: { $0["Root"] != nil })?["Root"] else {
            throw damaged("không tìm thấy danh mục tài liệu (Root)", "the document catalogue (Root) is missing")
        }
        guard let catalogue = try resolve(.reference(rootNumber)).dictionary, case .reference? = catalogue["Pages"] else {
            throw damaged("danh mục tài liệu không có cây trang", "the document catalogue has no page tree")
        }
        guard let pages = try resolve(catalogue["Pages"]!).dictionary, pages["Type"].map({ $0 == .name("Pages") }) ?? true,
            let count = try resolve(pages["Count"] ?? .null).integer, count >= 0
        else { throw damaged("cây trang không hợp lệ", "the page tree is invalid") }
        guard count > 0 else { throw DocumentCheckError.noPages }
        return DocumentInspection(mediaType: .pdf, size: bytes.count, pages: count)
    }

    private func checkHeader() throws {
        let header = Array(UnsafeRawBufferPointer(rebasing: bytes[0..<min(8, bytes.count)]))
        let version = String(decoding: header.dropFirst(5), as: UTF8.self)
        guard header.count == 8, ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.0"].contains(version) else {
            throw damaged("phần đầu %PDF-1.x không hợp lệ", "the %PDF-1.x header is invalid")
        }
    }

    // MARK: - Finding objects

    /// Walks the file once: records every `n g obj`, every `trailer` dictionary and every cross-reference
    /// stream, and steps over stream data so binary content is never read as syntax.
    private func indexObjects() throws {
        var offset = 0
        while let found = nextKeyword(from: offset) {
            var lexer = PDFLexer(bytes, at: found.end)
            if found.isTrailer {
                if let dictionary = try? lexer.object().dictionary { trailers.append(dictionary) }
                offset = max(lexer.offset, found.end)
                continue
            }
            guard let value = try? lexer.object() else {
                offset = found.end
                continue
            }
            objects[found.number] = found.end
            offset = lexer.offset
            guard let dictionary = value.dictionary, lexer.consume(keyword: "stream") else { continue }
            // Stream data starts after the end of line that follows the keyword.
            var start = lexer.offset
            if start < bytes.count && bytes[start] == 13 { start += 1 }
            if start < bytes.count && bytes[start] == 10 { start += 1 }
            let data = try streamData(from: start, dictionary: dictionary)
            offset = data.upperBound
            switch dictionary["Type"]?.name {
            case "ObjStm": objectStreams.append((dictionary, data))
            case "XRef": trailers.append(dictionary)
            default: break
            }
        }
    }

    /// The stream's data: `/Length` bytes when given directly and followed by `endstream`, otherwise up to the
    /// `endstream` keyword (an indirect length is often written after the stream).
    private func streamData(from start: Int, dictionary: [String: PDFObject]) throws -> Range<Int> {
        if let length = dictionary["Length"]?.integer, length >= 0 {
            guard start + length <= bytes.count else { throw DocumentCheckError.truncated(.pdf) }
            var after = PDFLexer(bytes, at: start + length)
            if after.consume(keyword: "endstream") { return start..<(start + length) }
        }
        guard let end = firstOccurrence(of: "endstream", from: start) else { throw DocumentCheckError.truncated(.pdf) }
        var trimmed = end
        if trimmed > start && bytes[trimmed - 1] == 10 { trimmed -= 1 }
        if trimmed > start && bytes[trimmed - 1] == 13 { trimmed -= 1 }
        return start..<trimmed
    }

    /// The next `n g obj` (number, and where its value starts) or `trailer` keyword at or after `offset`.
    private func nextKeyword(from offset: Int) -> (isTrailer: Bool, number: Int, end: Int)? {
        var index = offset
        while index + 3 <= bytes.count {
            defer { index += 1 }
            let before = index == 0 || !PDFLexer.isRegular(bytes[index - 1])
            guard before else { continue }
            if matches("trailer", at: index) && isBoundary(index + 7) { return (true, 0, index + 7) }
            guard matches("obj", at: index), isBoundary(index + 3) else { continue }
            // Read backwards: whitespace, the generation, whitespace, the object number.
            var cursor = index - 1
            func digits() -> Int? {
                var value = 0, multiplier = 1, seen = 0
                while cursor >= 0, (0x30...0x39).contains(bytes[cursor]), seen < 10 {
                    value += Int(bytes[cursor] - 0x30) * multiplier
                    multiplier *= 10
                    seen += 1
                    cursor -= 1
                }
                return seen > 0 ? value : nil
            }
            func spaces() -> Bool {
                let start = cursor
                while cursor >= 0 && PDFLexer.isWhitespace(bytes[cursor]) { cursor -= 1 }
                return cursor < start
            }
            guard spaces(), digits() != nil, spaces(), let number = digits(), cursor < 0 || !PDFLexer.isRegular(bytes[cursor]) else {
                continue
            }
            return (false, number, index + 3)
        }
        return nil
    }

    private func matches(_ word: StaticString, at index: Int) -> Bool {
        guard index + word.utf8CodeUnitCount <= bytes.count else { return false }
        for position in 0..<word.utf8CodeUnitCount where bytes[index + position] != word.utf8Start[position] { return false }
        return true
    }

    private func isBoundary(_ index: Int) -> Bool { index >= bytes.count || !PDFLexer.isRegular(bytes[index]) }

    private func firstOccurrence(of word: StaticString, from start: Int) -> Int? {
        var index = start
        while index + word.utf8CodeUnitCount <= bytes.count {
            if matches(word, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func lastOccurrence(of word: StaticString, from start: Int) -> Int? {
        var index = bytes.count - word.utf8CodeUnitCount
        while index >= start {
            if matches(word, at: index) { return index }
            index -= 1
        }
        return nil
    }

    // MARK: - Resolving references

    /// The object itself, or the object a reference points at (following at most a few references).
    private func resolve(_ object: PDFObject, hops: Int = 0) throws -> PDFObject {
        guard case .reference(let number) = object else { return object }
        guard hops < 8 else { throw damaged("tham chiếu vòng", "references form a loop") }
        if let offset = objects[number] {
            var lexer = PDFLexer(bytes, at: offset)
            return try resolve(try parsed { try lexer.object() }, hops: hops + 1)
        }
        if compressedObjects == nil { try decodeObjectStreams() }
        guard let location = compressedObjects?[number] else {
            throw damaged("thiếu đối tượng được tham chiếu", "a referenced object is missing")
        }
        let value = try decodedStreams[location.stream].withUnsafeBytes { buffer in
            var lexer = PDFLexer(buffer, at: location.offset)
            return try parsed { try lexer.object() }
        }
        return try resolve(value, hops: hops + 1)
    }

    private func parsed(_ body: () throws -> PDFObject) throws -> PDFObject {
        do { return try body() } catch is PDFLexer.SyntaxError {
            throw damaged("cú pháp đối tượng không hợp lệ", "an object's syntax is invalid")
        }
    }

    /// Inflates every object stream (ISO 32000-1 §7.5.7) and records where its objects are.
    private func decodeObjectStreams() throws {
        var index: [Int: (stream: Int, offset: Int)] = [:]
        for stream in objectStreams {
            let decoded = try decode(stream.data, stream.dictionary)
            guard let count = stream.dictionary["N"]?.integer, let first = stream.dictionary["First"]?.integer,
                count >= 0, first >= 0, first <= decoded.count
            else { throw damaged("luồng đối tượng nén không hợp lệ", "a compressed object stream is invalid") }
            let streamIndex = decodedStreams.count
            decodedStreams.append(decoded)
            try decoded.withUnsafeBytes { buffer in
                var lexer = PDFLexer(UnsafeRawBufferPointer(rebasing: buffer[0..<first]), at: 0)
                for _ in 0..<count {
                    guard let number = Int(lexer.token()), let offset = Int(lexer.token()), first + offset < decoded.count else {
                        throw damaged("luồng đối tượng nén không hợp lệ", "a compressed object stream is invalid")
                    }
                    index[number] = (streamIndex, first + offset)
                }
            }
        }
        compressedObjects = index
    }

    /// A stream's data with its filter applied: none or FlateDecode without a predictor (what writers use for
    /// object streams).
    private func decode(_ range: Range<Int>, _ dictionary: [String: PDFObject]) throws -> [UInt8] {
        let filters: [PDFObject] =
            switch dictionary["Filter"] {
            case nil, .null?: []
            case .array(let items)?: items
            case let single?: [single]
            }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
        if filters.isEmpty { return Array(raw) }
        let predictor = dictionary["DecodeParms"]?.dictionary?["Predictor"]?.integer ?? 1
        guard filters == [.name("FlateDecode")], predictor == 1 else {
            throw damaged("luồng đối tượng dùng kiểu nén không được hỗ trợ", "an object stream uses an unsupported compression")
        }
        do {
            return try ZlibInflater.inflate(raw, limit: limits.maxInflatedBytes)
        } catch ZlibInflater.Failure.exceedsLimit {
            throw DocumentCheckError.tooLarge(.pdf, limit: limits.maxInflatedBytes)
        } catch ZlibInflater.Failure.truncated {
            throw DocumentCheckError.truncated(.pdf)
        } catch {
            throw damaged("luồng đối tượng nén bị hỏng", "a compressed object stream is corrupt")
        }
    }
}
