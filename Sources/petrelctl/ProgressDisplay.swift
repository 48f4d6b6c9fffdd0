import PetrelControl

/// Shows the daemon's progress reports on one line of standard error, rewritten in place, and only when
/// standard error is a terminal: a script's log gets the final summary, not a stream of updates.
final class ProgressDisplay {
  private let enabled = Terminal.errorIsTerminal
  private var shown = false

  func show(_ progress: ControlProgress) {
    guard enabled else { return }
    let fields = progress.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    Terminal.error("\r\u{1B}[K" + ([progress.message] + fields).joined(separator: ", "))
    shown = true
  }

  /// Clears the line before the final output.
  func clear() {
    guard shown else { return }
    Terminal.error("\r\u{1B}[K")
    shown = false
  }
}
