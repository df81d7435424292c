import Foundation
import Testing

@testable import MotCuaDomain

/// The SVG and PNG renderings hold exactly the symbol's modules; zbarimg reads the PNGs in QRDecoderTests.
@Suite("QR code rendering")
struct QRRenderingTests {
    static let code = try! QRCode(text: "https://motcua.bacninh.gov.vn/verify/KQ-2026-000123", correction: .quartile)

    // MARK: SVG

    @Test("The SVG is one crisp-edged path over a white background, sized in pixels and viewed in modules")
    func svgStructure() {
        let svg = Self.code.svg(moduleSize: 5, border: 4)
        let side = Self.code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("width=\"\(side * 5)\" height=\"\(side * 5)\""))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(!svg.contains("\n"))
    }

    @Test("The SVG path covers exactly the dark modules, shifted by the quiet zone", arguments: [0, 1, 4])
    func svgModules(border: Int) throws {
        let side = Self.code.size + 2 * border
        var painted = [[Bool]](repeating: [Bool](repeating: false, count: side), count: side)
        let svg = Self.code.svg(border: border)
        let data = try #require(svg.split(separator: " d=\"").last?.split(separator: "\"").first)
        // Every rectangle is "M<x> <y>h<n>v1h-<n>z": one run of dark modules in one row.
        for rectangle in data.split(separator: "z") {
            let numbers = rectangle.split(whereSeparator: { "Mhv -".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5, "odd path segment \(rectangle)")
            let (x, y, width) = (numbers[0], numbers[1], numbers[2])
            #expect(rectangle == "M\(x) \(y)h\(width)v1h-\(width)")
            for column in x..<(x + width) {
                #expect(!painted[y][column], "module painted twice")
                painted[y][column] = true
            }
        }
        for y in 0..<side {
            for x in 0..<side {
                #expect(painted[y][x] == Self.code.isDark(x: x - border, y: y - border), "module (\(x), \(y))")
            }
        }
    }

    @Test("A module size below 1 and a negative border are raised to 1 and 0")
    func svgClamping() {
        #expect(Self.code.svg(moduleSize: 0, border: -3) == Self.code.svg(moduleSize: 1, border: 0))
    }

    // MARK: PNG

    @Test("CRC-32 and Adler-32 give the published check values")
    func checksums() {
        #expect(PNGImage.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGImage.adler32([]) == 1)
        // Long input crosses the 5552-byte reduction interval (value from Python's zlib.adler32).
        #expect(PNGImage.adler32([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }

    @Test("The PNG is a 1-bit greyscale image of the symbol with its quiet zone, in checksummed chunks")
    func pngStructure() throws {
        let png = Self.code.png(scale: 3, border: 2)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try Self.chunks(of: png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let side = UInt32((Self.code.size + 4) * 3)
        let header = chunks[0].data
        #expect(Self.bigEndian(header[0..<4]) == side)
        #expect(Self.bigEndian(header[4..<8]) == side)
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0])
        let zlib = chunks[1].data
        #expect(zlib[0] == 0x78 && (UInt16(zlib[0]) << 8 | UInt16(zlib[1])) % 31 == 0)
        #expect(chunks[2].data.isEmpty)
    }

    @Test("The PNG is compressed: a version-40 symbol takes far less than its raw scanlines")
    func pngIsCompressed() throws {
        let large = try QRCode(bytes: [UInt8](repeating: 0x55, count: 2953), correction: .low)
        #expect(large.version == 40)
        let side = (large.size + 8) * 4
        let raw = ((side + 7) / 8 + 1) * side
        #expect(large.png().count * 4 < raw)
    }

    @Test("A scale below 1 is raised to 1 and an excessive one held at 32; the border is held within 0...16")
    func pngClamping() {
        #expect(Self.code.png(scale: 0, border: -1) == Self.code.png(scale: 1, border: 0))
        #expect(Self.code.png(scale: 10_000, border: 100) == Self.code.png(scale: 32, border: 16))
    }

    /// Splits a PNG into its chunks and checks each CRC.
    static func chunks(of png: [UInt8]) throws -> [(type: String, data: [UInt8])] {
        var result: [(type: String, data: [UInt8])] = []
        var offset = 8
        while offset < png.count {
            let length = Int(bigEndian(png[offset..<(offset + 4)]))
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = bigEndian(png[(offset + 8 + length)..<(offset + 12 + length)])
            try #require(PNGImage.crc32(typeAndData) == crc, "bad CRC")
            result.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            offset += 12 + length
        }
        return result
    }

    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
