extension Message {
  /// The message as `dig` prints a response: header, flags, OPT pseudosection and the non-empty sections.
  ///
  /// Trace output and test failures print messages this way so that they can be read side by side with `dig`.
  public var presentation: String {
    var lines: [String] = []
    lines.append(";; ->>HEADER<<- opcode: \(opcode), status: \(rcode), id: \(id)")
    var flagsLine = ";; flags:" + (flags.isEmpty || flags == .z ? "" : " \(flags)") + ";"
    if flags.contains(.z) { flagsLine += " MBZ: 0x0040;" }
    flagsLine +=
      " QUERY: \(questions.count), ANSWER: \(answers.count), AUTHORITY: \(authorities.count),"
      + " ADDITIONAL: \(additionals.count + (edns == nil ? 0 : 1))"
    lines.append(flagsLine)
    if flags.contains(.qr) && flags.contains(.rd) && !flags.contains(.ra) {
      lines.append(";; WARNING: recursion requested but not available")
    }
    lines.append("")
    if let edns {
      lines.append(";; OPT PSEUDOSECTION:")
      lines.append(contentsOf: edns.presentationLines)
    }
    if !questions.isEmpty {
      lines.append(";; QUESTION SECTION:")
      lines.append(contentsOf: questions.map(\.presentation))
      lines.append("")
    }
    for (section, title) in [(MessageSection.answer, "ANSWER"), (.authority, "AUTHORITY"), (.additional, "ADDITIONAL")]
    {
      let records = records(in: section)
      guard !records.isEmpty else { continue }
      lines.append(";; \(title) SECTION:")
      lines.append(contentsOf: records.map(\.presentation))
      lines.append("")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension Message: CustomStringConvertible {
  public var description: String { presentation }
}
