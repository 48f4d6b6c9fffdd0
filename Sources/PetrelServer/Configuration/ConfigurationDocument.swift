import Yams

/// Turns configuration text into its YAML node tree, or a `ConfigurationError` that points at the broken text.
///
/// Yams refuses duplicate keys itself but reports only the key's text and its first place; this finds the key
/// path and the repeated occurrence, so the error reads like every other one.
enum ConfigurationDocument {
  /// The document's root value, or nil when the text holds no document (empty, or comments only).
  static func compose(_ yaml: String, context: ConfigurationContext) throws(ConfigurationError) -> ConfigurationValue? {
    let root: Yams.Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw translate(error, yaml: yaml, context: context)
    } catch {
      throw ConfigurationError(file: context.fileName, message: "not readable as YAML: \(error)")
    }
    return root.map { ConfigurationValue(node: $0, path: "", context: context) }
  }

  static func translate(_ error: YamlError, yaml: String, context: ConfigurationContext) -> ConfigurationError {
    func syntax(_ problem: String, _ mark: Mark, _ yamlContext: YamlError.Context?) -> ConfigurationError {
      var message = "YAML syntax error: \(problem)"
      if let yamlContext {
        message += " (\(yamlContext.text) at line \(yamlContext.mark.line), column \(yamlContext.mark.column))"
      }
      if let line = line(mark.line, of: yaml), line.contains("["), line.contains("::") || line.contains("]:") {
        message += "; quote IPv6 addresses that are bracketed or start with ':', as \"[::1]:53\" or \"::1\""
      }
      return ConfigurationError(file: context.fileName, line: mark.line, column: mark.column, message: message)
    }
    switch error {
    case .scanner(let yamlContext, let problem, let mark, _),
      .parser(let yamlContext, let problem, let mark, _),
      .composer(let yamlContext, let problem, let mark, _):
      return syntax(problem, mark, yamlContext)
    case .reader(let problem, _, _, _):
      return ConfigurationError(file: context.fileName, message: "not readable as YAML text: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let yamlContext):
      let name = duplicates.first ?? ""
      if let found = DuplicateKeyLocator.locate(yaml: yaml, firstMark: yamlContext.mark, name: name) {
        return ConfigurationError(
          file: context.fileName, line: found.repeated?.line ?? yamlContext.mark.line,
          column: found.repeated?.column ?? yamlContext.mark.column, key: found.path,
          message: "'\(name)' is given more than once (first at line \(yamlContext.mark.line)); give each key once")
      }
      return ConfigurationError(
        file: context.fileName, line: yamlContext.mark.line, column: yamlContext.mark.column, key: name,
        message: "'\(name)' is given more than once in the same mapping; give each key once")
    default:
      return ConfigurationError(file: context.fileName, message: "not readable as YAML: \(error)")
    }
  }

  /// The text of the 1-based line `number`, if there is one.
  private static func line(_ number: Int, of yaml: String) -> Substring? {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    return number >= 1 && number <= lines.count ? lines[number - 1] : nil
  }
}
