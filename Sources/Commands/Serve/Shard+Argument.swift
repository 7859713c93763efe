import ArgumentParser
import Scheduler

extension Shard: ExpressibleByArgument {
    /// `--shard i/n`.
    public init?(argument: String) {
        self.init(argument)
    }
}
