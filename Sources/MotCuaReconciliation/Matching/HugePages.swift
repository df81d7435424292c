#if canImport(Glibc)
import Glibc
#endif

/// Backs the run's large tables with 2 MiB pages where the kernel offers them on request.
///
/// Matching reads the candidate table, the blocking keys and the ID index at random: at 3.5 million people each
/// is hundreds of megabytes, so with 4 KiB pages nearly every read also misses the processor's page-translation
/// cache. Linux gives transparent huge pages to memory that asks for them (`madvise`, the default mode on Debian
/// and RHEL); asked before the memory is first written, the page faults hand out 2 MiB pages directly. Measured
/// at 3.5 M (BENCHMARKS.md): about a tenth of the run's processor time. Elsewhere, or with huge pages off, the
/// advice is ignored and nothing changes but the speed.
enum HugePages {
    static let pageSize = 2 << 20

    /// Advises huge pages for the whole 2 MiB pages inside `bytes` (nothing for a smaller range).
    static func advise(_ bytes: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        guard let base = bytes.baseAddress, bytes.count >= pageSize else { return }
        let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + bytes.count) & ~(pageSize - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// `byteCount` bytes aligned to a huge page (when that large) and advised; freed with `deallocate()`.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, byteCount), alignment: byteCount >= pageSize ? pageSize : 64)
        advise(UnsafeMutableRawBufferPointer(start: pointer, count: byteCount))
        return pointer
    }
}

extension Array {
    /// `count` copies of `value`, in storage advised for huge pages before it is written (``HugePages``).
    static func hugePaged(repeating value: Element, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// An empty array with room for `capacity` elements, its storage advised for huge pages (``HugePages``).
    static func hugePaged(capacity: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            initialized = 0
        }
    }
}
