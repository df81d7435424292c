import CMotCuaZlib

/// The structure of a PNG file (ISO/IEC 15948): signature, IHDR, the CRC of every chunk, image data that
/// inflates to exactly the size the header implies with a valid filter type on every scanline, and IEND.
struct PNGInspector {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let bytes: UnsafeRawBufferPointer
    let limits: DocumentLimits

    private struct Header {
        var width = 0, height = 0, bitDepth = 0, colourType = 0, interlaced = false

        var bitsPerPixel: Int {
            let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colourType] ?? 0
            return channels * bitDepth
        }

        /// (bytes per scanline including the filter byte, number of scanlines) for each pass.
        var passes: [(rowBytes: Int, rows: Int)] {
            let layout: [(x: Int, y: Int, dx: Int, dy: Int)] =
                interlaced
                ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
                : [(0, 0, 1, 1)]
            return layout.compactMap { pass in
                let columns = (width - pass.x + pass.dx - 1) / pass.dx
                let rows = (height - pass.y + pass.dy - 1) / pass.dy
                guard columns > 0, rows > 0 else { return nil }
                return (1 + (columns * bitsPerPixel + 7) / 8, rows)
            }
        }
    }

    private func damaged(_ vi: String, _ en: String) -> DocumentCheckError { .damaged(.png, vi: vi, en: en) }

    func inspect() throws -> DocumentInspection {
        var offset = Self.signature.count
        var header: Header?
        var sawPalette = false
        var imageData: (inflater: ZlibInflater, rows: ScanlineWalker)?
        var idatEnded = false
        var chunkNumber = 0
        while true {
            chunkNumber += 1
            guard offset + 8 <= bytes.count else { throw DocumentCheckError.truncated(.png) }
            let length = bytes.bigEndian(at: offset, count: 4)
            guard length <= Int(Int32.max) else { throw damaged("độ dài khối \(chunkNumber) không hợp lệ", "chunk \(chunkNumber) has an invalid length") }
            guard offset + 12 + length <= bytes.count else { throw DocumentCheckError.truncated(.png) }
            let type = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 8)]), as: UTF8.self)
            guard type.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw damaged("tên khối \(chunkNumber) không hợp lệ", "chunk \(chunkNumber) has an invalid type")
            }
            let data = UnsafeRawBufferPointer(rebasing: bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = bytes.bigEndian(at: offset + 8 + length, count: 4)
            let computed = crc32(0, bytes.baseAddress!.advanced(by: offset + 4).assumingMemoryBound(to: Bytef.self), uInt(length + 4))
            guard Int(computed) == stored else {
                throw damaged("sai mã kiểm tra CRC ở khối \(chunkNumber)", "the CRC of chunk \(chunkNumber) does not match")
            }
            offset += 12 + length
            if chunkNumber == 1 && type != "IHDR" { throw damaged("thiếu khối IHDR ở đầu", "it does not start with an IHDR chunk") }
            if imageData != nil && type != "IDAT" { idatEnded = true }
            switch type {
            case "IHDR":
                guard header == nil else { throw damaged("có hai khối IHDR", "it has two IHDR chunks") }
                let parsed = try parseHeader(data)
                header = parsed
            case "PLTE":
                guard let header, header.colourType != 0, header.colourType != 4, !sawPalette, imageData == nil,
                    length % 3 == 0, (3...768).contains(length)
                else { throw damaged("bảng màu PLTE không hợp lệ", "the PLTE palette is invalid") }
                if header.colourType == 3 && length / 3 > 1 << header.bitDepth {
                    throw damaged("bảng màu PLTE dài hơn độ sâu màu cho phép", "the PLTE palette is longer than the bit depth allows")
                }
                sawPalette = true
            case "IDAT":
                guard let header else { throw damaged("thiếu khối IHDR", "the IHDR chunk is missing") }
                guard !idatEnded else { throw damaged("các khối IDAT không liền nhau", "the IDAT chunks are not consecutive") }
                if header.colourType == 3 && !sawPalette { throw damaged("ảnh màu chỉ mục thiếu bảng màu PLTE", "an indexed-colour image has no PLTE palette") }
                if imageData == nil { imageData = try startImageData(header) }
                try feed(data, to: imageData!)
            case "IEND":
                guard let header, let imageData else { throw damaged("không có dữ liệu ảnh (IDAT)", "it has no image data (IDAT)") }
                guard imageData.inflater.isFinished else { throw damaged("dữ liệu ảnh bị cắt cụt", "the image data ends early") }
                guard imageData.inflater.totalOut == imageData.rows.expected else {
                    throw damaged("dữ liệu ảnh ngắn hơn kích thước khai báo", "the image data is shorter than the declared dimensions")
                }
                return DocumentInspection(mediaType: .png, size: bytes.count, pages: 1, width: header.width, height: header.height)
            default:
                // Ancillary chunks (lower-case first letter) may be skipped; a critical one no decoder knows may not.
                guard type.utf8.first! >= 0x61 else {
                    throw damaged("có khối bắt buộc không được hỗ trợ (khối \(chunkNumber))", "chunk \(chunkNumber) is an unknown critical chunk")
                }
            }
        }
    }

    private func parseHeader(_ data: UnsafeRawBufferPointer) throws -> Header {
        guard data.count == 13 else { throw damaged("khối IHDR sai độ dài", "the IHDR chunk has the wrong length") }
        var header = Header()
        header.width = data.bigEndian(at: 0, count: 4)
        header.height = data.bigEndian(at: 4, count: 4)
        header.bitDepth = Int(data[8])
        header.colourType = Int(data[9])
        guard (1...Int(Int32.max)).contains(header.width), (1...Int(Int32.max)).contains(header.height) else {
            throw damaged("kích thước ảnh không hợp lệ", "the image dimensions are invalid")
        }
        let allowedDepths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard allowedDepths[header.colourType]?.contains(header.bitDepth) == true else {
            throw damaged("kiểu màu và độ sâu màu không hợp lệ", "the colour type and bit depth are not a valid combination")
        }
        guard data[10] == 0, data[11] == 0, data[12] <= 1 else {
            throw damaged("phương pháp nén, lọc hoặc đan xen không hợp lệ", "the compression, filter or interlace method is invalid")
        }
        header.interlaced = data[12] == 1
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw DocumentCheckError(
                .tooLarge,
                "Ảnh PNG vượt quá \(limits.maxPixels / 1_000_000) megapixel / the PNG image has more than \(limits.maxPixels / 1_000_000) megapixels")
        }
        return header
    }

    private func startImageData(_ header: Header) throws -> (ZlibInflater, ScanlineWalker) {
        let walker = ScanlineWalker(passes: header.passes)
        guard walker.expected <= limits.maxInflatedBytes else { throw DocumentCheckError.tooLarge(.png, limit: limits.maxInflatedBytes) }
        return (try ZlibInflater(limit: walker.expected), walker)
    }

    private func feed(_ data: UnsafeRawBufferPointer, to imageData: (inflater: ZlibInflater, rows: ScanlineWalker)) throws {
        do {
            try imageData.inflater.push(data) { try imageData.rows.consume($0) }
        } catch ZlibInflater.Failure.exceedsLimit {
            throw damaged("dữ liệu ảnh dài hơn kích thước khai báo", "the image data is longer than the declared dimensions")
        } catch ZlibInflater.Failure.corrupt {
            throw damaged("dữ liệu ảnh nén không hợp lệ", "the compressed image data is invalid")
        } catch is ScanlineWalker.BadFilter {
            throw damaged("có dòng quét với kiểu lọc không hợp lệ", "a scanline has an invalid filter type")
        }
    }
}

/// Follows the inflated image data scanline by scanline and checks each one's filter type (0–4).
final class ScanlineWalker {
    struct BadFilter: Error {}

    private let passes: [(rowBytes: Int, rows: Int)]
    let expected: Int
    private var pass = 0, row = 0, positionInRow = 0

    init(passes: [(rowBytes: Int, rows: Int)]) {
        self.passes = passes
        expected = passes.reduce(0) { total, pass in
            let (size, overflow) = pass.rowBytes.multipliedReportingOverflow(by: pass.rows)
            return overflow ? Int.max : total.addingReportingOverflow(size).overflow ? Int.max : total + size
        }
    }

    func consume(_ data: UnsafeRawBufferPointer) throws {
        var index = 0
        while index < data.count && pass < passes.count {
            if positionInRow == 0 && data[index] > 4 { throw BadFilter() }
            let step = min(passes[pass].rowBytes - positionInRow, data.count - index)
            index += step
            positionInRow += step
            if positionInRow == passes[pass].rowBytes {
                positionInRow = 0
                row += 1
                if row == passes[pass].rows { (pass, row) = (pass + 1, 0) }
            }
        }
    }
}
