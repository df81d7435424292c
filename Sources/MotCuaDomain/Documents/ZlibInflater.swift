import CMotCuaZlib

/// Inflates a zlib stream (RFC 1950/1951) through the system zlib, a piece at a time, with a bound on the
/// output: a few kilobytes of deflate can claim gigabytes, so every caller says how much it will accept.
///
/// Output is handed to a closure in pieces of at most 64 KiB and not kept, so checking that data decodes
/// costs no more memory than the buffer. Not `Sendable`: one inflater belongs to one check.
public final class ZlibInflater {
    /// Why inflating stopped.
    public enum Failure: Error, Sendable, Hashable {
        /// The data is not a valid zlib stream (bad header, bad code, wrong Adler-32).
        case corrupt
        /// The stream would produce more than the limit.
        case exceedsLimit(Int)
        /// The input ended before the stream did.
        case truncated
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let buffer: UnsafeMutablePointer<UInt8>
    private static let bufferSize = 65_536
    /// The most output accepted.
    public let limit: Int
    /// Bytes produced so far.
    public private(set) var totalOut = 0
    /// Whether the end of the stream has been reached.
    public private(set) var isFinished = false

    public init(limit: Int) throws {
        self.limit = limit
        // zlib keeps a pointer back to the z_stream in its state and checks it, so the struct must not move.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        buffer = .allocate(capacity: Self.bufferSize)
        guard inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            buffer.deallocate()
            throw Failure.corrupt
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Feeds the next piece of compressed input; `output` receives what it inflates to.
    /// Input after the end of the stream is ignored.
    /// - Returns: whether the stream has ended.
    @discardableResult
    public func push(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard !isFinished else { return true }
        guard let base = input.baseAddress, !input.isEmpty else { return false }
        // zlib takes uInt (32-bit) lengths; feed larger inputs in slices.
        var offset = 0
        while offset < input.count && !isFinished {
            let length = min(input.count - offset, Int(Int32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: (base + offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(length)
            try drain(output)
            offset += length - Int(stream.pointee.avail_in)
            if stream.pointee.avail_in > 0 && !isFinished { throw Failure.corrupt }
        }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        return isFinished
    }

    private func drain(_ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            stream.pointee.next_out = buffer
            stream.pointee.avail_out = uInt(Self.bufferSize)
            let status = CMotCuaZlib.inflate(stream, Z_NO_FLUSH)
            let produced = Self.bufferSize - Int(stream.pointee.avail_out)
            totalOut += produced
            guard totalOut <= limit else { throw Failure.exceedsLimit(limit) }
            if produced > 0 { try output(UnsafeRawBufferPointer(start: buffer, count: produced)) }
            switch status {
            case Z_STREAM_END:
                isFinished = true
                return
            case Z_OK:
                // A full buffer may have more waiting; otherwise zlib has used all the input it can.
                if stream.pointee.avail_out == 0 || stream.pointee.avail_in > 0 { continue }
                return
            case Z_BUF_ERROR:
                return  // no progress possible without more input
            default:
                throw Failure.corrupt
            }
        }
    }

    /// Inflates a whole zlib stream into memory, refusing one that is longer than `limit` or that ends early.
    public static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws -> [UInt8] {
        let inflater = try ZlibInflater(limit: limit)
        var result: [UInt8] = []
        try inflater.push(input) { result.append(contentsOf: $0) }
        guard inflater.isFinished else { throw Failure.truncated }
        return result
    }
}
