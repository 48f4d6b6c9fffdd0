/// One `KEY=VALUE` line of the sd_notify protocol: the states the daemon reports to its service manager.
public enum SystemdNotification: Hashable, Sendable {
  /// `READY=1`: start-up is finished; systemd considers the service started.
  case ready
  /// `RELOADING=1`: the configuration is being reloaded; send ``ready`` when done.
  case reloading
  /// `STOPPING=1`: shutdown has begun.
  case stopping
  /// `STATUS=…`: one line of free text shown by `systemctl status`.
  case status(String)
  /// `MAINPID=…`: the process systemd should treat as the service's main process (after a takeover).
  case mainPID(Int32)
  /// `WATCHDOG=1`: keep-alive for `WatchdogSec=`.
  case watchdog
  /// `FDSTORE=1`: keep the descriptors sent with this message in systemd's descriptor store.
  case storeDescriptors
  /// `FDNAME=…`: the name under which the stored descriptors are given back in `LISTEN_FDNAMES`.
  case descriptorName(String)

  /// The protocol line, without its newline.
  public var line: String {
    switch self {
    case .ready: "READY=1"
    case .reloading: "RELOADING=1"
    case .stopping: "STOPPING=1"
    case .status(let text): "STATUS=\(text)"
    case .mainPID(let pid): "MAINPID=\(pid)"
    case .watchdog: "WATCHDOG=1"
    case .storeDescriptors: "FDSTORE=1"
    case .descriptorName(let name): "FDNAME=\(name)"
    }
  }

  /// Whether the value can be sent: no line breaks (they would start a new assignment), and for
  /// `FDNAME` what systemd accepts (1–255 printable ASCII characters, no `:`).
  public var isValid: Bool {
    switch self {
    case .status(let text): !text.contains(where: \.isNewline)
    case .descriptorName(let name):
      !name.isEmpty && name.utf8.count <= 255
        && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: ":") }
    case .mainPID(let pid): pid > 0
    default: true
    }
  }
}
