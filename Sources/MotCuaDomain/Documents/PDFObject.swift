/// A PDF object (ISO 32000-1 §7.3), as much of it as the structural check needs: string contents are not kept.
indirect enum PDFObject: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case real
    case string
    case name(String)
    case array([PDFObject])
    case dictionary([String: PDFObject])
    /// An indirect reference `n g R` (the generation is not needed).
    case reference(Int)

    var dictionary: [String: PDFObject]? {
        if case .dictionary(let value) = self { return value }
        return nil
    }

    var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var name: String? {
        if case .name(let value) = self { return value }
        return nil
    }
}

/// Reads PDF objects from bytes (ISO 32000-1 §7.2–7.3). Strings are skipped, names decoded (`#xx`), and
/// nesting is bounded so that a file of brackets cannot exhaust the stack.
struct PDFLexer {
    struct SyntaxError: Error {}

    let bytes: UnsafeRawBufferPointer
    var offset: Int
    private static let maxDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32 }

    static func isDelimiter(_ byte: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(byte) }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            if Self.isWhitespace(bytes[offset]) {
                offset += 1
            } else if bytes[offset] == UInt8(ascii: "%") {
                while offset < bytes.count && bytes[offset] != 10 && bytes[offset] != 13 { offset += 1 }
            } else {
                return
            }
        }
    }

    /// The run of regular characters at the current position (a keyword or number), consumed.
    mutating func token() -> String {
        skipWhitespace()
        let start = offset
        while offset < bytes.count && Self.isRegular(bytes[offset]) { offset += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// Whether the keyword comes next (followed by a non-regular character); consumes it if so.
    mutating func consume(keyword: String) -> Bool {
        skipWhitespace()
        let saved = offset
        if token() == keyword { return true }
        offset = saved
        return false
    }

    mutating func object(depth: Int = 0) throws -> PDFObject {
        guard depth < Self.maxDepth else { throw SyntaxError() }
        skipWhitespace()
        guard offset < bytes.count else { throw SyntaxError() }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "<"):
            if offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "<") {
                offset += 2
                var entries: [String: PDFObject] = [:]
                while true {
                    skipWhitespace()
                    guard offset + 1 < bytes.count else { throw SyntaxError() }
                    if bytes[offset] == UInt8(ascii: ">") && bytes[offset + 1] == UInt8(ascii: ">") {
                        offset += 2
                        return .dictionary(entries)
                    }
                    guard case .name(let key) = try object(depth: depth + 1) else { throw SyntaxError() }
                    entries[key] = try object(depth: depth + 1)
                }
            }
            while offset < bytes.count && bytes[offset] != UInt8(ascii: ">") { offset += 1 }
            guard offset < bytes.count else { throw SyntaxError() }
            offset += 1
            return .string
        case UInt8(ascii: "["):
            offset += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard offset < bytes.count else { throw SyntaxError() }
                if bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    return .array(items)
                }
                items.append(try object(depth: depth + 1))
            }
        case UInt8(ascii: "("):
            offset += 1
            var nesting = 1
            while offset < bytes.count && nesting > 0 {
                switch bytes[offset] {
                case UInt8(ascii: "\\"): offset += 1
                case UInt8(ascii: "("): nesting += 1
                case UInt8(ascii: ")"): nesting -= 1
                default: break
                }
                offset += 1
            }
            guard nesting == 0 else { throw SyntaxError() }
            return .string
        case UInt8(ascii: "/"):
            offset += 1
            return .name(decodedName(token()))
        default:
            let saved = offset
            let word = token()
            guard !word.isEmpty else { throw SyntaxError() }
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            if let value = Int(word) {
                // `n g R` is a reference: look ahead for the generation and the R.
                let afterNumber = offset
                if value >= 0, let _ = UInt(token()), token() == "R" { return .reference(value) }
                offset = afterNumber
                return .integer(value)
            }
            if Double(word) != nil { return .real }
            offset = saved
            throw SyntaxError()
        }
    }

    /// A name with its `#xx` escapes decoded, so that `/Encr#79pt` is seen as `/Encrypt`.
    private func decodedName(_ raw: String) -> String {
        guard raw.contains("#") else { return raw }
        var result: [UInt8] = []
        var utf8 = Array(raw.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "#"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                result.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
