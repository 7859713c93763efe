#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one fuzz target's body over inputs, and stops the process when the body finds a broken property.
///
/// Built with `-sanitize=fuzzer,address -DFUZZING` (scripts/fuzz.sh), `main` hands the body to libFuzzer, which
/// takes libFuzzer's own arguments (`-max_total_time=`, corpus folders, a crash file to reproduce). In an
/// ordinary build it replays the files, and the files in the folders, named as arguments, so a crash file can be
/// replayed under a debugger without libFuzzer. The body gets each input once, as bytes; it checks what must
/// hold and calls `require` for each property.
public enum FuzzDriver {
    /// Runs `body` over the inputs, then exits: 0 when every input passed.
    public static func main(_ body: @escaping @Sendable ([UInt8]) -> Void) -> Never {
        FuzzBody.current = body
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzBody.run(data, size)
        })
        #else
        exit(replay(CommandLine.arguments.dropFirst(), body))
        #endif
    }

    /// Stops the process with `message` when `condition` is false: libFuzzer then keeps the input as a crash.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        writeError("fuzz property broken: \(message())")
        abort()
    }

    /// Runs `body` over every file named in `paths` (a folder: every file in it), counting them.
    private static func replay(_ paths: ArraySlice<String>, _ body: ([UInt8]) -> Void) -> Int32 {
        guard !paths.isEmpty else {
            writeError("usage: \(CommandLine.arguments[0]) FILE_OR_FOLDER...  (replays inputs; scripts/fuzz.sh fuzzes)")
            return 64
        }
        var count = 0
        for path in paths {
            let files = FuzzInput.files(at: path)
            guard !files.isEmpty else {
                writeError("\(path): no such file or folder, or an empty folder")
                return 66
            }
            for file in files {
                guard let bytes = FuzzInput.read(file) else {
                    writeError("\(file): unreadable")
                    return 66
                }
                body(bytes)
                count += 1
            }
        }
        print("\(count) inputs replayed, every property held")
        return 0
    }
}

/// Writes `line` and a line feed to standard error.
private func writeError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// The body libFuzzer calls back into: a C function pointer cannot capture it, so it is kept here.
private enum FuzzBody {
    /// Set once by `FuzzDriver.main` before any input runs; libFuzzer calls back on that thread only.
    nonisolated(unsafe) static var current: (@Sendable ([UInt8]) -> Void)?

    static func run(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        current?(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}

/// libFuzzer's `main` needs this symbol at link time even though `LLVMFuzzerRunDriver` is what runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzBody.run(data, size)
}

#if FUZZING
/// libFuzzer's entry point for a program with a `main` of its own (`-sanitize=fuzzer` links it).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
