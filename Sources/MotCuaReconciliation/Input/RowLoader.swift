import Dispatch
import MotCuaDomain
import Synchronization

/// A row that could not be read, kept for the rejects file or for stopping the run.
struct RowReject: Sendable {
    let offset: Int
    /// 0-based field index, when one field is at fault.
    let field: Int?
    let message: String
}

/// Reads the data rows of a file on several cores, turning each into a typed row.
enum RowLoader {
    /// Rows decoded per progress report.
    static let batch = 32_768

    /// Decodes every data row of `file` with `decode`, in file order.
    ///
    /// With `stopOnError` the first bad row (in file order) ends the load with an error naming its
    /// line and column; otherwise bad rows are returned as rejects and skipped.
    static func load<Row: Sendable>(
        _ file: DelimitedFile,
        parallelism: Int,
        stopOnError: Bool,
        tracker: ProgressTracker,
        decode: @escaping @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> Row
    ) async throws -> (rows: [Row], rejects: [RowReject]) {
        let chunks = file.chunks(count: parallelism * 16)
        let columnCount = file.header.count
        let stopped = StopFlag()
        let parts = await withTaskGroup(of: (Int, [Row], [RowReject]).self) { group in
            for (index, range) in chunks.enumerated() {
                group.addTask {
                    let (rows, rejects) = loadChunk(
                        file, range: range, columnCount: columnCount, stopOnError: stopOnError, stopped: stopped,
                        tracker: tracker, decode: decode)
                    return (index, rows, rejects)
                }
            }
            var parts = [([Row], [RowReject])](repeating: ([], []), count: chunks.count)
            for await (index, rows, rejects) in group { parts[index] = (rows, rejects) }
            return parts
        }
        let rejects = parts.flatMap(\.1)
        if stopOnError, let first = rejects.min(by: { $0.offset < $1.offset }) {
            throw describe(first, in: file)
        }
        return (concatenate(parts.map(\.0)), rejects)
    }

    /// The parts' rows in one array advised for huge pages, copied on every core: at 3.5 million rows one core
    /// took half a second to copy them.
    static func concatenate<Row: Sendable>(_ parts: [[Row]]) -> [Row] {
        let offsets = parts.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let total = offsets.last!
        return [Row](unsafeUninitializedCapacity: total) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            let target = Destination(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: parts.count) { index in
                parts[index].withUnsafeBufferPointer { source in
                    _ = UnsafeMutableBufferPointer(rebasing: target.buffer[offsets[index]..<offsets[index + 1]]).initialize(fromContentsOf: source)
                }
            }
            initialized = total
        }
    }

    /// The concatenated rows' storage, shared by the copying threads: each writes its own disjoint range.
    private struct Destination<Row>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Row>
    }

    private static func loadChunk<Row: Sendable>(
        _ file: DelimitedFile, range: Range<Int>, columnCount: Int, stopOnError: Bool, stopped: StopFlag,
        tracker: ProgressTracker,
        decode: (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> Row
    ) -> ([Row], [RowReject]) {
        var rows: [Row] = []
        rows.reserveCapacity(range.count / 100)
        var rejects: [RowReject] = []
        var fields: [FieldSlice] = []
        fields.reserveCapacity(columnCount + 1)
        var folder = NameFolder()
        file.bytes.withUnsafeBufferPointer { buffer in
            var position = range.lowerBound
            var sinceReport = 0
            while position < range.upperBound {
                let rowStart = position
                let first = buffer[position]
                if first == 0x0A || (first == 0x0D && position + 1 < buffer.count && buffer[position + 1] == 0x0A) {
                    position += first == 0x0A ? 1 : 2
                    continue
                }
                do throws(CSVSyntaxError) {
                    position = try CSVRowParser.parseRow(buffer, from: rowStart, delimiter: file.delimiter, into: &fields)
                } catch {
                    rejects.append(RowReject(offset: rowStart, field: error.field, message: error.message))
                    position = nextLine(buffer, after: max(error.offset, rowStart), limit: range.upperBound)
                    if stopOnError { stopped.value.store(true, ordering: .relaxed); return }
                    continue
                }
                if fields.count != columnCount {
                    rejects.append(
                        RowReject(offset: rowStart, field: nil, message: "expected \(columnCount) fields, found \(fields.count) (wrong delimiter or broken quoting?)"))
                    if stopOnError { stopped.value.store(true, ordering: .relaxed); return }
                    continue
                }
                do throws(FieldError) {
                    rows.append(try decode(buffer, fields, rowStart, &folder))
                } catch {
                    rejects.append(RowReject(offset: rowStart, field: error.field, message: error.message))
                    if stopOnError { stopped.value.store(true, ordering: .relaxed); return }
                }
                sinceReport += 1
                if sinceReport == batch {
                    tracker.add(processed: sinceReport)
                    sinceReport = 0
                    if stopOnError && stopped.value.load(ordering: .relaxed) { return }
                    // A cancelled run (a job stopped over the API) stops reading too; the caller then throws.
                    if Task.isCancelled { return }
                }
            }
            tracker.add(processed: sinceReport)
        }
        return (rows, rejects)
    }

    private static func nextLine(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int, limit: Int) -> Int {
        var position = offset
        while position < limit && buffer[position] != 0x0A { position += 1 }
        return min(position + 1, max(limit, offset + 1))
    }

    /// Turns a reject into an issue with its line number and column name.
    static func describe(_ reject: RowReject, in file: DelimitedFile) -> ReconciliationInputError {
        describe([reject], in: file)[0]
    }

    /// Issues for many rejects, with line numbers found in one pass.
    static func describe(_ rejects: [RowReject], in file: DelimitedFile) -> [ReconciliationInputError] {
        let sorted = rejects.sorted { $0.offset < $1.offset }
        let lines = file.lineNumbers(atSorted: sorted.map(\.offset))
        return zip(sorted, lines).map { reject, line in
            let name = reject.field.flatMap { $0 < file.header.count ? file.header[$0] : nil }
            return ReconciliationInputError(
                InputIssue(file: file.path, line: line, column: reject.field.map { $0 + 1 }, columnName: name, message: reject.message))
        }
    }
}

/// A flag that tells worker tasks to give up early.
final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}
