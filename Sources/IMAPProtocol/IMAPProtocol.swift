/// Placeholder until the protocol target lands.
public enum IMAPProtocolPlaceholder {}
