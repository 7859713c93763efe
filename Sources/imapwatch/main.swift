import Commands

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// `--version` is answered here, before the argument parser or any task starts.
if let answer = Imapwatch.immediateAnswer(to: CommandLine.arguments.dropFirst()) {
    print(answer)
    exit(0)
}
await Imapwatch.start()
