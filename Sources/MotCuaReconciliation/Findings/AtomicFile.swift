import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written under a temporary name and renamed into place only when complete, so a
/// failed or interrupted run never leaves a half-written file behind.
final class AtomicFile {
    let url: URL
    private let temporary: URL
    private var descriptor: Int32

    init(_ url: URL) throws {
        self.url = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard count > 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
                written += count
            }
        }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Closes the file and moves it into place.
    func commit() throws {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        guard rename(temporary.path, url.path) == 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// Closes and deletes the temporary file; the destination is untouched.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    deinit { discard() }
}

/// `write(2)`, named apart from ``AtomicFile/write(_:)`` so the method can call it.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// An output file could not be written.
public struct AtomicFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}
