/// What the content check found in an accepted file.
public struct DocumentInspection: Sendable, Hashable {
    public let mediaType: DocumentMediaType
    /// Size of the file in bytes.
    public let size: Int
    /// Pages of a PDF; 1 for an image.
    public let pages: Int
    /// Pixel dimensions of an image; nil for a PDF.
    public let width: Int?
    public let height: Int?

    public init(mediaType: DocumentMediaType, size: Int, pages: Int, width: Int? = nil, height: Int? = nil) {
        self.mediaType = mediaType
        self.size = size
        self.pages = pages
        self.width = width
        self.height = height
    }
}

/// Bounds on the work a check may do, against files built to exhaust memory or time.
public struct DocumentLimits: Sendable, Hashable {
    /// The most bytes an image's pixel data or one PDF stream may inflate to.
    public var maxInflatedBytes: Int
    /// The most pixels (width × height) an image may have.
    public var maxPixels: Int

    /// 256 MiB of pixel data and 200 megapixels: an A3 page scanned at 600 dpi in colour is about 70 megapixels
    /// and 210 MB of pixel data, within both.
    public init(maxInflatedBytes: Int = 256 * 1_048_576, maxPixels: Int = 200_000_000) {
        self.maxInflatedBytes = maxInflatedBytes
        self.maxPixels = maxPixels
    }
}
