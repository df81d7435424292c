import Foundation
import MotCuaStorage

extension Platform {
    /// Legacy register books, their pages and entry slots.
    public var legacyRegisters: SQLLegacyRegisterRepository { SQLLegacyRegisterRepository(store: store) }

    /// The blob store of scanned documents and register pages.
    public func documentBlobs() throws -> FileSystemBlobStore {
        try FileSystemBlobStore(root: URL(fileURLWithPath: configuration.documentDirectory))
    }
}
