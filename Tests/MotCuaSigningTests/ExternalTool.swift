import Foundation

/// Runs the independent tools of the interoperability tests (python3 with `cryptography` + `joserfc`, openssl)
/// through Foundation `Process`, in a scratch directory per test.
struct ExternalTool {
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The repository root, found from this file's path (Tests/MotCuaSigningTests/ExternalTool.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let interopScript = repositoryRoot.appendingPathComponent("Tests/interop/verify_jws.py").path

    /// CI must have every tool (`.ci/run` installs them); elsewhere a test without them is skipped.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let pythonReady = (try? run(["python3", "-c", "import cryptography, joserfc"]).status) == 0
    static let opensslReady = (try? run(["openssl", "version"]).status) == 0

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func write(_ data: Data, to name: String) throws {
        try data.write(to: directory.appendingPathComponent(name))
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String]) throws -> Output { try Self.run(arguments, in: directory) }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes before waiting, so a chatty tool cannot fill a pipe and block.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }
}
