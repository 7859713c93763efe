import NIOCore
import NIOPosix

/// The event-loop threads connections run on, so callers above Transport need not know NIO.
///
/// `shared` is NIO's process-wide group; a daemon that also serves HTTP passes its own group to share threads.
public struct NetworkThreads: Sendable {
    /// The NIO group; only Transport and the code that assembles services use it directly.
    public let group: any EventLoopGroup

    /// Connections on `group`.
    public init(group: any EventLoopGroup) {
        self.group = group
    }

    /// NIO's shared group, one thread per core, started on first use.
    public static var shared: NetworkThreads { NetworkThreads(group: MultiThreadedEventLoopGroup.singleton) }

    /// Runs `body` as a task whose jobs run on one event loop of the group, giving it that loop alone as
    /// `NetworkThreads`: connections it opens live on the loop its code runs on, so its awaits on them resume
    /// without waking another thread. `body` must not block: it shares the loop with other connections.
    public func onOneLoop<T: Sendable>(_ body: (NetworkThreads) async -> T) async -> T {
        let loop = group.next()
        return await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            await body(NetworkThreads(group: loop))
        }
    }

    /// Makes sure a thread of the group is running, so that its start-up is not charged to a timed connect.
    public func wake() async {
        _ = try? await group.next().submit {}.get()
    }
}
