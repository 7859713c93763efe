/// Loads a `--web.config.file` strictly: every problem with file, line and column, as `ConfigLoader` does.
///
/// Unknown keys are errors; `tls_server_config` and `http_server_config` are known but not supported and are
/// errors too, so a file written for another exporter never silently loses its TLS. An empty file is valid and
/// asks for no authentication. The loader has no state; it is safe to share.
public struct WebConfigLoader: Sendable {
    /// At most this many errors are listed; `ConfigError.omitted` counts the rest.
    public var errorLimit: Int

    /// A loader listing at most `errorLimit` errors.
    public init(errorLimit: Int = 20) {
        self.errorLimit = errorLimit
    }

    /// Loads the file at `path`; messages name it as given. Throws `ConfigError` listing every error found.
    public func load(path: String) throws(ConfigError) -> WebConfiguration {
        try load(yaml: ConfigFileText.read(path: path, key: "web configuration"), file: path)
    }

    /// Loads web configuration text; `file` names it in messages.
    public func load(yaml: String, file: String) throws(ConfigError) -> WebConfiguration {
        guard let root = try YAMLSyntax.compose(yaml, file: file) else { return WebConfiguration() }
        var reader = NodeReader(file: file, baseDirectory: "/", environment: [:])
        let configuration = reader.readWebConfiguration(root)
        if let error = reader.log.error(limit: errorLimit) { throw error }
        return configuration
    }
}
