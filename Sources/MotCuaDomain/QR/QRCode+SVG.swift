extension QRCode {
    /// The symbol as a standalone SVG document: a white background and every dark module in one `<path>`,
    /// in module units (the `viewBox`), drawn with `shape-rendering="crispEdges"` so that scaling never blurs
    /// module edges.
    ///
    /// - Parameters:
    ///   - moduleSize: the width and height in pixels of one module (at least 1).
    ///   - border: the light quiet zone around the symbol in modules; the standard asks for 4 (at least 0).
    public func svg(moduleSize: Int = 4, border: Int = 4) -> String {
        let moduleSize = max(1, moduleSize), border = max(0, border)
        let side = size + 2 * border
        var path = ""
        // One rectangle per horizontal run of dark modules keeps the path short.
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + border) \(y + border)h\(x - start)v1h-\(x - start)z"
            }
        }
        let pixels = side * moduleSize
        return """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }
}
