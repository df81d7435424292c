/// The structure of a JPEG file (ITU-T T.81, JFIF/Exif): SOI, marker segments with consistent lengths, one
/// frame header (SOFn) giving the dimensions and components, at least one scan whose entropy-coded data is
/// walked to the next marker, and EOI. A file cut anywhere before EOI is refused as truncated.
struct JPEGInspector {
    let bytes: UnsafeRawBufferPointer
    let limits: DocumentLimits

    private func damaged(_ vi: String, _ en: String) -> DocumentCheckError { .damaged(.jpeg, vi: vi, en: en) }

    /// Start-of-frame markers: baseline, extended, progressive, lossless, in Huffman or arithmetic coding.
    private static let frameMarkers: Set<UInt8> = [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]

    func inspect() throws -> DocumentInspection {
        var offset = 2  // after SOI
        var frame: (width: Int, height: Int, components: Int)?
        var scans = 0
        while true {
            guard offset < bytes.count else { throw DocumentCheckError.truncated(.jpeg) }
            guard bytes[offset] == 0xFF else { throw damaged("thiếu dấu phân đoạn", "a segment marker is missing") }
            while offset < bytes.count && bytes[offset] == 0xFF { offset += 1 }  // fill bytes
            guard offset < bytes.count else { throw DocumentCheckError.truncated(.jpeg) }
            let marker = bytes[offset]
            offset += 1
            switch marker {
            case 0xD9:  // EOI; anything after it (some cameras append data) is not part of the image
                guard let frame, scans > 0 else { throw damaged("không có dữ liệu ảnh", "it has no image data") }
                return DocumentInspection(mediaType: .jpeg, size: bytes.count, pages: 1, width: frame.width, height: frame.height)
            case 0x01, 0xD0...0xD7:
                continue  // markers without a length
            case 0x00, 0xD8:
                throw damaged("dấu phân đoạn không hợp lệ", "a segment marker is invalid")
            default:
                break
            }
            guard offset + 2 <= bytes.count else { throw DocumentCheckError.truncated(.jpeg) }
            let length = bytes.bigEndian(at: offset, count: 2)
            guard length >= 2 else { throw damaged("độ dài phân đoạn không hợp lệ", "a segment length is invalid") }
            guard offset + length <= bytes.count else { throw DocumentCheckError.truncated(.jpeg) }
            let segment = UnsafeRawBufferPointer(rebasing: bytes[(offset + 2)..<(offset + length)])
            offset += length
            if Self.frameMarkers.contains(marker) {
                guard frame == nil else { throw damaged("có nhiều khung ảnh (SOF)", "it has more than one frame header (SOF)") }
                frame = try parseFrame(segment)
            } else if marker == 0xDA {
                guard let frame else { throw damaged("dữ liệu ảnh đứng trước khung ảnh (SOF)", "image data comes before the frame header (SOF)") }
                guard let count = segment.first, (1...4).contains(Int(count)), Int(count) <= frame.components,
                    segment.count == 4 + 2 * Int(count)
                else { throw damaged("phần đầu lượt quét (SOS) không hợp lệ", "a scan header (SOS) is invalid") }
                scans += 1
                offset = try endOfEntropyCodedData(from: offset)
            }
        }
    }

    private func parseFrame(_ segment: UnsafeRawBufferPointer) throws -> (width: Int, height: Int, components: Int) {
        guard segment.count >= 6 else { throw damaged("khung ảnh (SOF) quá ngắn", "the frame header (SOF) is too short") }
        let height = segment.bigEndian(at: 1, count: 2)
        let width = segment.bigEndian(at: 3, count: 2)
        let components = Int(segment[5])
        guard [2, 8, 12, 16].contains(Int(segment[0])), [1, 3, 4].contains(components), segment.count == 6 + 3 * components else {
            throw damaged("khung ảnh (SOF) không hợp lệ", "the frame header (SOF) is invalid")
        }
        // A height of 0 defers it to a DNL marker after the first scan, which scanners do not write.
        guard width > 0, height > 0 else { throw damaged("kích thước ảnh không hợp lệ", "the image dimensions are invalid") }
        guard width * height <= limits.maxPixels else {
            throw DocumentCheckError(
                .tooLarge,
                "Ảnh JPEG vượt quá \(limits.maxPixels / 1_000_000) megapixel / the JPEG image has more than \(limits.maxPixels / 1_000_000) megapixels")
        }
        return (width, height, components)
    }

    /// The offset of the marker that ends the entropy-coded data starting at `start`. Inside it 0xFF is
    /// followed by 0x00 (a stuffed byte), a restart marker, or more 0xFF fill.
    private func endOfEntropyCodedData(from start: Int) throws -> Int {
        var offset = start
        while offset + 1 < bytes.count {
            if bytes[offset] != 0xFF {
                offset += 1
                continue
            }
            switch bytes[offset + 1] {
            case 0x00, 0xD0...0xD7: offset += 2
            case 0xFF: offset += 1
            default: return offset
            }
        }
        throw DocumentCheckError.truncated(.jpeg)
    }
}
