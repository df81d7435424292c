/// Checks an uploaded scan from its content: the type is sniffed from the first bytes (the name and the
/// declared media type are only compared with it), then the structure is walked to the end, so a file that
/// lies about its type, is cut short, encrypted or does not decode is refused with a precise reason.
///
/// Pure: works on bytes in memory or mapped from a file, does no I/O.
public enum DocumentInspector {
    /// The type the content says, or nil when it is none of the accepted ones.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> DocumentMediaType? {
        if bytes.starts(with: PNGInspector.signature) { return .png }
        if bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF { return .jpeg }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    /// Checks the file; `declared` is what the client claimed (media type or file name), if anything.
    public static func inspect(
        _ bytes: UnsafeRawBufferPointer, declared: DocumentMediaType? = nil, limits: DocumentLimits = DocumentLimits()
    ) throws -> DocumentInspection {
        guard !bytes.isEmpty else { throw DocumentCheckError.empty }
        guard let type = sniff(bytes) else { throw DocumentCheckError.unsupportedType }
        if let declared, declared != type { throw DocumentCheckError.typeMismatch(declared: declared, actual: type) }
        switch type {
        case .png: return try PNGInspector(bytes: bytes, limits: limits).inspect()
        case .jpeg: return try JPEGInspector(bytes: bytes, limits: limits).inspect()
        case .pdf: return try PDFInspector(bytes: bytes, limits: limits).inspect()
        }
    }

    /// Checks bytes held in an array.
    public static func inspect(
        _ bytes: [UInt8], declared: DocumentMediaType? = nil, limits: DocumentLimits = DocumentLimits()
    ) throws -> DocumentInspection {
        try bytes.withUnsafeBytes { try inspect($0, declared: declared, limits: limits) }
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian unsigned integer of `count` bytes at `offset` (the caller checked the bounds).
    func bigEndian(at offset: Int, count: Int) -> Int {
        var value = 0
        for index in offset..<(offset + count) { value = value << 8 | Int(self[index]) }
        return value
    }
}
