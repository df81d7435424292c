/// One field of a row: a byte range in the file, and whether it holds doubled quotes to undo.
struct FieldSlice: Sendable {
    var start: Int
    var end: Int
    var escaped: Bool

    /// The field's bytes, with `""` turned back into `"` when needed.
    func value(in buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard escaped else { return Array(buffer[start..<end]) }
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var index = start
        while index < end {
            result.append(buffer[index])
            index += buffer[index] == 0x22 ? 2 : 1
        }
        return result
    }

    var isEmpty: Bool { start == end }
}

/// A row could not be split; `offset` is where the problem is, `field` the 0-based field index.
struct CSVSyntaxError: Error, Sendable {
    let offset: Int
    let field: Int
    let message: String
}

/// Splits rows per RFC 4180 and validates UTF-8 on the way, so later stages can trust every byte.
enum CSVRowParser {
    /// Parses the row starting at `start` into `fields` and returns the offset of the next row.
    /// A row ends at LF, CRLF or the end of the buffer; quoted fields may contain delimiters, quotes
    /// (doubled) and line breaks.
    @inline(__always)
    static func parseRow(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, into fields: inout [FieldSlice]
    ) throws(CSVSyntaxError) -> Int {
        try parse(buffer, from: start, delimiter: delimiter, into: &fields, validating: true, fieldLimit: .max)
    }

    /// Splits again a row that ``parseRow(_:from:delimiter:into:)`` has already accepted (when findings are written),
    /// into its first `fieldLimit` fields at most: its UTF-8 is not checked a second time, and the fields after the
    /// last one needed are not scanned. Writing 2.87 million findings spent an eighth of its time re-splitting rows.
    @inline(__always)
    static func splitAccepted(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, into fields: inout [FieldSlice], fieldLimit: Int = .max
    ) {
        _ = try? parse(buffer, from: start, delimiter: delimiter, into: &fields, validating: false, fieldLimit: max(1, fieldLimit))
    }

    /// The parser behind both: with `fieldLimit` reached it returns the offset after the last field read.
    @inline(__always)
    private static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, into fields: inout [FieldSlice], validating: Bool,
        fieldLimit: Int
    ) throws(CSVSyntaxError) -> Int {
        fields.removeAll(keepingCapacity: true)
        let end = buffer.count
        var position = start
        while true {
            if position < end && buffer[position] == 0x22 {
                let fieldStart = position + 1
                position = fieldStart
                var escaped = false
                while true {
                    guard position < end else {
                        throw CSVSyntaxError(offset: fieldStart - 1, field: fields.count, message: "quoted field is never closed")
                    }
                    let byte = buffer[position]
                    if byte == 0x22 {
                        if position + 1 < end && buffer[position + 1] == 0x22 {
                            escaped = true
                            position += 2
                            continue
                        }
                        break
                    }
                    position += byte < 0x80 || !validating ? 1 : try validateUTF8(buffer, at: position, field: fields.count)
                }
                fields.append(FieldSlice(start: fieldStart, end: position, escaped: escaped))
                position += 1
                if fields.count == fieldLimit { return position }
                guard position < end else { return end }
                let next = buffer[position]
                if next == delimiter {
                    position += 1
                    continue
                }
                if next == 0x0A { return position + 1 }
                if next == 0x0D && (position + 1 == end || buffer[position + 1] == 0x0A) { return min(position + 2, end) }
                throw CSVSyntaxError(offset: position, field: fields.count - 1, message: "text after the closing quote")
            } else {
                let fieldStart = position
                var byte: UInt8 = 0
                while position < end {
                    byte = buffer[position]
                    if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                    if byte == 0x22 {
                        throw CSVSyntaxError(offset: position, field: fields.count, message: "quote inside an unquoted field")
                    }
                    position += byte < 0x80 || !validating ? 1 : try validateUTF8(buffer, at: position, field: fields.count)
                }
                fields.append(FieldSlice(start: fieldStart, end: position, escaped: false))
                if fields.count == fieldLimit { return position }
                guard position < end else { return end }
                if byte == delimiter {
                    position += 1
                    continue
                }
                if byte == 0x0A { return position + 1 }
                return position + 1 < end && buffer[position + 1] == 0x0A ? position + 2 : position + 1
            }
        }
    }

    /// Returns the length of the valid UTF-8 sequence at `index`, or throws naming the field.
    @inline(__always)
    static func validateUTF8(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, field: Int) throws(CSVSyntaxError) -> Int {
        let lead = buffer[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: throw CSVSyntaxError(offset: index, field: field, message: "invalid UTF-8 (is the file in another encoding?)")
        }
        guard index + length <= buffer.count else {
            throw CSVSyntaxError(offset: index, field: field, message: "truncated UTF-8 sequence")
        }
        for offset in 1..<length where buffer[index + offset] & 0xC0 != 0x80 {
            throw CSVSyntaxError(offset: index, field: field, message: "invalid UTF-8 (is the file in another encoding?)")
        }
        // Overlong three- and four-byte forms and surrogates.
        if lead == 0xE0 && buffer[index + 1] < 0xA0 || lead == 0xED && buffer[index + 1] >= 0xA0
            || lead == 0xF0 && buffer[index + 1] < 0x90 || lead == 0xF4 && buffer[index + 1] >= 0x90
        {
            throw CSVSyntaxError(offset: index, field: field, message: "invalid UTF-8 sequence")
        }
        return length
    }
}
