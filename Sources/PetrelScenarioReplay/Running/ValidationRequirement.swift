/// Decides whether a scenario can be judged without DNSSEC validation, which Petrel does not do yet.
///
/// A scenario that needs validation is skipped with the reason rather than failed (its checks say nothing
/// about what Petrel does) or run (it might pass for the wrong reason): the DNSSEC prefixes, a trust anchor or
/// negative trust anchor in the configuration, or a check that expects the AD bit.
public enum ValidationRequirement {
  /// The prefixes of the DNSSEC scenario families.
  public static let validationPrefixes: Set<String> = ["val", "nsec", "nsec3", "black"]

  /// Why `scenario` needs validation, or nil when it does not.
  public static func reason(for scenario: Scenario) -> String? {
    if validationPrefixes.contains(scenario.prefix) {
      return "DNSSEC validation scenario (\(scenario.prefix)_); Petrel has no validator yet"
    }
    if let anchor = scenario.configuration.trustAnchors.first {
      let owner = anchor.split(separator: " ").first.map(String.init) ?? anchor
      return "needs DNSSEC validation: trust anchor for \(owner); Petrel has no validator yet"
    }
    if let domain = scenario.configuration.insecureDomains.first {
      return "needs DNSSEC validation: negative trust anchor for \(domain); Petrel has no validator yet"
    }
    for step in scenario.steps {
      guard case .checkAnswer(let entry) = step.action, entry.flags.contains(.ad),
        entry.match?.contains(.flags) == true
      else { continue }
      return "step \(step.id) expects the AD bit (validated data); Petrel has no validator yet"
    }
    return nil
  }
}
