import ArgumentParser

/// `imapwatch config`: work on the daemon's configuration file without running the daemon.
public struct ConfigCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate the daemon's configuration file.",
        subcommands: [ConfigCheckCommand.self]
    )

    /// The group command; it only dispatches to its subcommands.
    public init() {}
}
