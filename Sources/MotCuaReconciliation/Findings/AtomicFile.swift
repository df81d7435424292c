import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written under a temporary name and renamed into place only when complete, so a
/// failed or interrupted run never leaves a half-written file behind.
///
/// Writes may come from different tasks (the findings writer writes one batch while it builds the next); the
/// descriptor's lock keeps them whole and in order of arrival.
final class AtomicFile: Sendable {
    let url: URL
    private let temporary: URL
    private let descriptor: Mutex<Int32>

    init(_ url: URL) throws {
        self.url = url
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        self.descriptor = Mutex(descriptor)
        guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    func write(_ bytes: [UInt8]) throws {
        try descriptor.withLock { descriptor in
            guard descriptor >= 0 else { throw AtomicFileError(path: url.path, reason: "the file was already closed") }
            try bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    guard count > 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
                    written += count
                }
            }
        }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Closes the file and moves it into place.
    func commit() throws {
        guard closeDescriptor() else { return }
        guard rename(temporary.path, url.path) == 0 else { throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// Closes and deletes the temporary file; the destination is untouched.
    func discard() {
        guard closeDescriptor() else { return }
        unlink(temporary.path)
    }

    /// Closes the file; false when it was already closed.
    private func closeDescriptor() -> Bool {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return false }
            close(descriptor)
            descriptor = -1
            return true
        }
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
