import ArgumentParser

/// `imapwatch alert`: work on the alert receivers without running the daemon.
public struct AlertCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Check the alert receivers of a configuration file.",
        subcommands: [AlertTestCommand.self]
    )

    /// The group command; it only dispatches to its subcommands.
    public init() {}
}
