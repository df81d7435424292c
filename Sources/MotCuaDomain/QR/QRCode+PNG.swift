extension QRCode {
    /// The symbol as a 1-bit greyscale PNG: `scale` pixels per module and a light quiet zone of `border`
    /// modules (the standard asks for 4).
    ///
    /// - Parameters:
    ///   - scale: pixels per module, clamped to 1...32 (32 pixels per module already prints a version-40
    ///     symbol 6,688 pixels wide; the bound keeps the memory an image takes predictable).
    ///   - border: the quiet zone in modules, clamped to 0...16.
    public func png(scale: Int = 4, border: Int = 4) -> [UInt8] {
        let scale = min(max(1, scale), 32), border = min(max(0, border), 16)
        let side = (size + 2 * border) * scale
        let rowBytes = (side + 7) / 8
        // Each scanline: filter type 0 (none), then 8 pixels per byte, most significant bit first, 1 = white.
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((rowBytes + 1) * side)
        for row in 0..<side {
            let y = row / scale - border
            var line = [UInt8](repeating: 0xFF, count: rowBytes)
            for column in 0..<side where isDark(x: column / scale - border, y: y) {
                line[column >> 3] &= ~(0x80 >> UInt8(column & 7))
            }
            scanlines.append(0)
            scanlines.append(contentsOf: line)
        }
        return PNGImage.grayscale1Bit(width: side, height: side, scanlines: scanlines)
    }
}
