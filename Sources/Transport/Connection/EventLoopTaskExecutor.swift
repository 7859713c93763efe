import NIOCore

/// A task executor that runs every job on one NIO event loop.
///
/// A probe's task prefers it (`NetworkThreads.onOneLoop`) and its connection lives on the same loop, so the
/// dialogue's awaits resume on the thread that does the connection's I/O: a command's write, the read of its
/// answer and the code between them run in turns of one loop, with no wake-up of another thread in between
/// (on the global executor each await was two thread hops, each a futex wake).
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
