/// One test authority of the lab, as `Lab/servers/NAME` describes it: its arguments, one per line.
struct LabServer: Sendable {
  let name: String
  let arguments: [String]

  /// The address it listens on (the value after `--listen`; the lab uses port 53 throughout).
  var address: String? {
    arguments.firstIndex(of: "--listen").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
  }

  init(name: String, description: String) {
    self.name = name
    arguments = description.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      .filter { !$0.hasPrefix("#") }
  }
}
