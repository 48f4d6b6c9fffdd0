/// How a new daemon takes the running daemon's descriptors (`petreld --takeover-transfer`).
///
/// It exists because the better way, `pidfd_getfd`, is not always allowed: it needs ptrace access to the
/// running daemon (same credentials and a dumpable target, or `CAP_SYS_PTRACE`), and systemd's
/// `SystemCallFilter=~@debug` refuses the call outright. `SCM_RIGHTS` over the control connection always
/// works; forcing either way is for tests and for operators who want to know which one is used.
public enum DescriptorTransfer: String, Sendable, CaseIterable, CustomStringConvertible {
  /// `pidfd_getfd`, and `SCM_RIGHTS` when the kernel refuses it with `EPERM` or lacks it (`ENOSYS`).
  case automatic = "auto"
  /// `pidfd_getfd` only: a refusal ends the takeover.
  case processDescriptor = "pidfd"
  /// `SCM_RIGHTS` only: the running daemon sends every descriptor over the control connection.
  case socketRights = "scm-rights"

  public var description: String { rawValue }
}
