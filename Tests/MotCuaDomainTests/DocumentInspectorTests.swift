import Foundation
import Testing

@testable import MotCuaDomain

/// Scans made by real tools (Tests/documents, see make.py there), PNGs from the platform's own QR writer,
/// hand-written PDFs, and damaged copies of each.
@Suite("Document content checks")
struct DocumentInspectorTests {
    static func sample(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("documents/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func reason(_ bytes: [UInt8], declared: DocumentMediaType? = nil, limits: DocumentLimits = DocumentLimits()) -> DocumentCheckError? {
        do {
            _ = try DocumentInspector.inspect(bytes, declared: declared, limits: limits)
            return nil
        } catch let error as DocumentCheckError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// A minimal PDF with a classic cross-reference table and correct offsets.
    static func handwrittenPDF(pages: Int, trailerExtra: String = "", version: String = "1.4") -> [UInt8] {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        for _ in 0..<pages { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents (Trang \\(1\\)) >>") }
        var file = "%PDF-\(version)\n%âãÏÓ\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.utf8.count)
            file += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = file.utf8.count
        file += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { file += String(format: "%010d 00000 n \n", offset) }
        file += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(file.utf8)
    }

    // MARK: Accepted files

    @Test(
        "Images made by Pillow are accepted with their dimensions",
        arguments: [
            ("pillow-rgb.jpg", DocumentMediaType.jpeg, 120, 80), ("pillow-gray-progressive.jpg", .jpeg, 64, 48),
            ("pillow-cmyk.jpg", .jpeg, 33, 17), ("pillow-restart-markers.jpg", .jpeg, 80, 64), ("pillow-rgba-interlaced.png", .png, 37, 23), ("pillow-palette.png", .png, 50, 40),
            ("pillow-gray16.png", .png, 19, 7),
        ])
    func realImages(name: String, type: DocumentMediaType, width: Int, height: Int) throws {
        let bytes = try Self.sample(name)
        let result = try DocumentInspector.inspect(bytes, declared: DocumentMediaType(declared: name))
        #expect(result == DocumentInspection(mediaType: type, size: bytes.count, pages: 1, width: width, height: height))
    }

    @Test(
        "PDFs made by Pillow, Ghostscript and by hand (object streams, cross-reference stream) are accepted with their page count",
        arguments: [("pillow-two-pages.pdf", 2), ("ghostscript-three-pages.pdf", 3), ("object-streams.pdf", 2)])
    func realPDFs(name: String, pages: Int) throws {
        let bytes = try Self.sample(name)
        let result = try DocumentInspector.inspect(bytes, declared: .pdf)
        #expect(result == DocumentInspection(mediaType: .pdf, size: bytes.count, pages: pages))
    }

    @Test("A hand-written PDF is accepted with its page count, in every 1.x version and 2.0", arguments: ["1.0", "1.4", "1.7", "2.0"])
    func handwrittenPDF(version: String) throws {
        let result = try DocumentInspector.inspect(Self.handwrittenPDF(pages: 4, version: version))
        #expect(result.pages == 4 && result.mediaType == .pdf && result.width == nil)
    }

    /// The file with an incremental update appended (ISO 32000-1 §7.5.6): object 2 redefined, a new
    /// cross-reference section and a trailer pointing back at the first.
    static func updatedPDF(pages: Int, trailerExtra: String = "") -> [UInt8] {
        var file = String(decoding: handwrittenPDF(pages: 2), as: UTF8.self)
        let previous = file.range(of: "startxref\n")!.upperBound
        let previousXref = file[previous...].prefix { $0.isNumber }
        let kids = (0..<pages).map { _ in "3 0 R" }.joined(separator: " ")
        let object = file.utf8.count
        file += "2 0 obj\n<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>\nendobj\n"
        let xref = file.utf8.count
        file += "xref\n2 1\n" + String(format: "%010d 00000 n \n", object)
        file += "trailer\n<< /Size 5 /Root 1 0 R /Prev \(previousXref)\(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(file.utf8)
    }

    @Test("After an incremental update the updated page tree counts, and an /Encrypt added by the update is seen")
    func incrementalUpdate() throws {
        #expect(try DocumentInspector.inspect(Self.updatedPDF(pages: 5)).pages == 5)
        #expect(Self.reason(Self.updatedPDF(pages: 5, trailerExtra: " /Encrypt 9 0 R"))?.reason == .encrypted)
        #expect(Self.reason(Self.updatedPDF(pages: 0))?.reason == .noPages)
    }

    @Test("QR code PNGs from the platform's own writer are accepted with their pixel size", arguments: [1, 3, 8])
    func qrPNG(scale: Int) throws {
        let code = try QRCode(text: "Giấy khai sinh — bản sao trích lục số 123/2026")
        let png = code.png(scale: scale, border: 4)
        let side = (code.size + 8) * scale
        #expect(try DocumentInspector.inspect(png, declared: .png) == DocumentInspection(mediaType: .png, size: png.count, pages: 1, width: side, height: side))
    }

    @Test("The declared type is read from a media type or a file name")
    func declaredTypes() {
        #expect(DocumentMediaType(declared: "image/JPEG; charset=binary") == .jpeg)
        #expect(DocumentMediaType(declared: "Giấy tờ.scan.PDF") == .pdf)
        #expect(DocumentMediaType(declared: "anh.png") == .png)
        #expect(DocumentMediaType(declared: "image/gif") == nil)
        #expect(DocumentMediaType(declared: "tai-lieu.docx") == nil)
    }

    // MARK: Refused files

    @Test("Empty files, unknown types and lying names or media types are refused")
    func lyingAndEmpty() throws {
        #expect(Self.reason([])?.reason == .empty)
        #expect(Self.reason(Array("GIF89a....".utf8))?.reason == .unsupportedType)
        #expect(Self.reason(Array("<html>%PDF-1.4</html>".utf8))?.reason == .unsupportedType)
        let jpeg = try Self.sample("pillow-rgb.jpg")
        let mismatch = Self.reason(jpeg, declared: DocumentMediaType(declared: "giay-khai-sinh.pdf"))
        #expect(mismatch?.reason == .typeMismatch)
        #expect(mismatch?.message == "Tệp được khai là PDF nhưng nội dung là JPEG / the file is declared as PDF but its content is JPEG")
        #expect(Self.reason(try Self.sample("ghostscript-three-pages.pdf"), declared: .png)?.reason == .typeMismatch)
    }

    @Test(
        "Every file cut short is refused as truncated",
        arguments: ["pillow-rgb.jpg", "pillow-gray-progressive.jpg", "pillow-rgba-interlaced.png", "pillow-palette.png",
                    "pillow-two-pages.pdf", "ghostscript-three-pages.pdf", "object-streams.pdf"])
    func truncated(name: String) throws {
        let bytes = try Self.sample(name)
        // Three bytes off a PDF cut into its "%%EOF" line (losing only the final newline would leave it whole).
        for cut in [bytes.count - 3, bytes.count - 8, bytes.count / 2, 12] {
            let error = Self.reason(Array(bytes.prefix(cut)))
            // A PNG cut inside a chunk may first show as a damaged image stream; both are refusals naming the file type.
            #expect(error?.reason == .truncated || (name.hasSuffix(".png") && error?.reason == .damaged), "\(name) cut at \(cut): \(String(describing: error))")
        }
    }

    @Test("Encrypted PDFs are refused, whether the trailer or the cross-reference stream names /Encrypt",
          arguments: ["ghostscript-encrypted.pdf", "object-streams-encrypted.pdf"])
    func encrypted(name: String) throws {
        let error = Self.reason(try Self.sample(name))
        #expect(error?.reason == .encrypted)
        #expect(error?.message.hasPrefix("Tệp PDF được mã hóa") == true)
    }

    @Test("An /Encrypt key hidden with #xx escapes in the name is still seen")
    func escapedEncrypt() {
        #expect(Self.reason(Self.handwrittenPDF(pages: 1, trailerExtra: " /Encr#79pt 9 0 R"))?.reason == .encrypted)
    }

    @Test("PDFs with no pages, no page tree, a bad header or no trailer are refused")
    func brokenPDFs() {
        #expect(Self.reason(Self.handwrittenPDF(pages: 0))?.reason == .noPages)
        #expect(Self.reason(Self.handwrittenPDF(pages: 1, version: "3.1"))?.reason == .damaged)
        var noRoot = Self.handwrittenPDF(pages: 2)
        let text = String(decoding: noRoot, as: UTF8.self).replacingOccurrences(of: "/Root 1 0 R", with: "/Info 1 0 R")
        noRoot = Array(text.utf8)
        #expect(Self.reason(noRoot)?.message.contains("Root") == true)
        let noTrailer = Array("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".utf8)
        #expect(Self.reason(noTrailer)?.reason == .damaged)
        let deep = Array(("%PDF-1.4\n1 0 obj\n" + String(repeating: "[", count: 10_000) + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").utf8)
        #expect(Self.reason(deep)?.reason == .damaged)
    }

    @Test("A PNG with a changed byte fails its CRC, naming the chunk and not its content")
    func pngCRC() throws {
        var png = try QRCode(text: "abc").png()
        png[40] ^= 0x01  // inside IDAT
        let error = Self.reason(png)
        #expect(error?.reason == .damaged)
        #expect(error?.message == "Tệp PNG bị hỏng: sai mã kiểm tra CRC ở khối 2 / the PNG file is damaged: the CRC of chunk 2 does not match")
    }

    @Test("A PNG whose image data is shorter or longer than its dimensions, or has a bad filter type, does not decode")
    func pngImageData() {
        // 8×2 pixels at 1 bit: two scanlines of 1 filter byte + 1 data byte.
        #expect(Self.reason(PNGImage.grayscale1Bit(width: 8, height: 2, scanlines: [0, 0xFF, 0, 0xFF])) == nil)
        let short = Self.reason(PNGImage.grayscale1Bit(width: 8, height: 2, scanlines: [0, 0xFF, 0]))
        #expect(short?.message.contains("shorter than the declared dimensions") == true)
        let long = Self.reason(PNGImage.grayscale1Bit(width: 8, height: 2, scanlines: [0, 0xFF, 0, 0xFF, 0]))
        #expect(long?.message.contains("longer than the declared dimensions") == true)
        let filter = Self.reason(PNGImage.grayscale1Bit(width: 8, height: 2, scanlines: [0, 0xFF, 7, 0xFF]))
        #expect(filter?.message.contains("invalid filter type") == true)
        let noData = Self.reason(Array(PNGImage.grayscale1Bit(width: 8, height: 2, scanlines: [0, 0xFF, 0, 0xFF]).prefix(33)) + [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
        #expect(noData?.message.contains("no image data") == true)
    }

    @Test("A PNG claiming huge dimensions is refused before anything is inflated")
    func pngBomb() {
        let limits = DocumentLimits(maxInflatedBytes: 1_048_576, maxPixels: 200_000_000)
        // 10,000 × 10,000 pixels at 1 bit is 12.5 MB of scanlines: over the 1 MiB limit.
        #expect(Self.reason(PNGImage.grayscale1Bit(width: 10_000, height: 10_000, scanlines: [0]), limits: limits)?.reason == .tooLarge)
        #expect(Self.reason(PNGImage.grayscale1Bit(width: 100_000, height: 100_000, scanlines: [0]))?.reason == .tooLarge)
    }

    @Test("A JPEG with a broken segment, no frame header or a second frame is refused")
    func brokenJPEG() throws {
        let jpeg = try Self.sample("pillow-rgb.jpg")
        var noMarker = jpeg
        noMarker[4 + jpeg.bigEndian16(at: 4)] = 0x00  // the second segment's marker
        #expect(Self.reason(noMarker)?.message == "Tệp JPEG bị hỏng: thiếu dấu phân đoạn / the JPEG file is damaged: a segment marker is missing")
        let sof = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }!
        var zeroWidth = jpeg
        zeroWidth[sof + 7] = 0
        zeroWidth[sof + 8] = 0
        #expect(Self.reason(zeroWidth)?.message.contains("dimensions are invalid") == true)
        var noFrame = jpeg
        noFrame[sof + 1] = 0xE5  // now an application segment
        #expect(Self.reason(noFrame)?.message.contains("before the frame header") == true)
        let eoiOnly: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9]
        #expect(Self.reason(eoiOnly)?.message.contains("no image data") == true)
    }

    @Test("Data after a JPEG's end-of-image marker is tolerated, as cameras append it")
    func jpegTrailer() throws {
        let jpeg = try Self.sample("pillow-rgb.jpg") + Array("thumbnail".utf8)
        #expect(try DocumentInspector.inspect(jpeg).width == 120)
    }

    // MARK: Inflate

    @Test("Inflating stops at the limit, so a small stream cannot claim gigabytes")
    func inflateLimit() throws {
        let zeros = [UInt8](repeating: 0, count: 4_000_000)
        let packed = PNGImage.zlib(zeros)
        #expect(packed.count < 100_000)
        let whole = try packed.withUnsafeBytes { try ZlibInflater.inflate($0, limit: 4_000_000) }
        #expect(whole == zeros)
        packed.withUnsafeBytes { buffer in
            #expect(throws: ZlibInflater.Failure.exceedsLimit(1_000_000)) { try ZlibInflater.inflate(buffer, limit: 1_000_000) }
            #expect(throws: ZlibInflater.Failure.truncated) {
                try ZlibInflater.inflate(UnsafeRawBufferPointer(rebasing: buffer.prefix(packed.count / 2)), limit: 4_000_000)
            }
        }
        var corrupt = packed
        corrupt[corrupt.count - 1] ^= 0xFF  // the Adler-32 check
        corrupt.withUnsafeBytes { buffer in
            #expect(throws: ZlibInflater.Failure.corrupt) { try ZlibInflater.inflate(buffer, limit: 4_000_000) }
        }
    }
}

extension [UInt8] {
    fileprivate func bigEndian16(at index: Int) -> Int { Int(self[index]) << 8 | Int(self[index + 1]) }
}
