/// Loads a `--web.config.file` strictly: every problem with file, line and column, as `ConfigLoader` does.
///
/// Unknown keys are errors; `http_server_config` and the `tls_server_config` keys imapwatch does not implement
/// (client certificates, cipher choices, inline PEM) are known but refused, so a file written for another
/// exporter never silently loses a setting. `cert_file` and `key_file` must be readable when the file loads;
/// relative paths are taken from the web configuration file's folder. An empty file is valid and asks for no
/// authentication and no TLS. The loader has no state; it is safe to share.
public struct WebConfigLoader: Sendable {
    /// At most this many errors are listed; `ConfigError.omitted` counts the rest.
    public var errorLimit: Int

    /// A loader listing at most `errorLimit` errors.
    public init(errorLimit: Int = 20) {
        self.errorLimit = errorLimit
    }

    /// Loads the file at `path`; messages name it as given. Throws `ConfigError` listing every error found.
    public func load(path: String) throws(ConfigError) -> WebConfiguration {
        try load(
            yaml: ConfigFileText.read(path: path, key: "web configuration"), file: path,
            baseDirectory: FileCheck.directory(of: path))
    }

    /// Loads web configuration text; `file` names it in messages and `baseDirectory` anchors relative paths.
    public func load(yaml: String, file: String, baseDirectory: String = "/") throws(ConfigError) -> WebConfiguration {
        guard let root = try YAMLSyntax.compose(yaml, file: file) else { return WebConfiguration() }
        var reader = NodeReader(file: file, baseDirectory: baseDirectory, environment: [:])
        let configuration = reader.readWebConfiguration(root)
        if let error = reader.log.error(limit: errorLimit) { throw error }
        return configuration
    }
}
