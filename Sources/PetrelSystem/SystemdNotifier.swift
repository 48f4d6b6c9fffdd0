import Glibc
public import SystemPackage

/// Speaks the sd_notify protocol to systemd (or any service manager that implements it) without
/// libsystemd: one datagram of `KEY=VALUE` lines to the `AF_UNIX` socket named by `$NOTIFY_SOCKET`,
/// with descriptors attached by `SCM_RIGHTS` for the descriptor store.
///
/// Each message opens its own unconnected datagram socket, so the notifier holds nothing open between
/// messages and works the same after the daemon has dropped its privileges (the socket is already
/// reachable: systemd creates it before starting the service).
public struct SystemdNotifier: Hashable, Sendable {
  /// Where the notifications go.
  public enum Address: Hashable, Sendable {
    /// A socket bound to a filesystem path.
    case path(String)
    /// A socket in the abstract namespace (written `@name` in `$NOTIFY_SOCKET`).
    case abstract(String)
  }

  /// Why a notification was not delivered.
  public enum Failure: Error, Hashable, Sendable {
    /// `$NOTIFY_SOCKET` is neither an absolute path nor `@name` (e.g. `vsock:`), or is too long.
    case unsupportedAddress(String)
    /// A value that would break the protocol (see ``SystemdNotification/isValid``).
    case invalidNotification(SystemdNotification)
    /// The datagram socket could not be created.
    case socket(Errno)
    /// `sendmsg` failed (systemd not listening: `ECONNREFUSED` or `ENOENT`).
    case send(DescriptorPassingError)
  }

  /// The destination socket.
  public let address: Address

  /// A notifier for the socket written as `$NOTIFY_SOCKET` writes it: `/absolute/path` or `@abstract`.
  public init(socket: String) throws(Failure) {
    if socket.hasPrefix("@") && socket.utf8.count > 1 {
      address = .abstract(String(socket.dropFirst()))
    } else if socket.hasPrefix("/") {
      address = .path(socket)
    } else {
      throw .unsupportedAddress(socket)
    }
    // sun_path holds 108 bytes: a path needs its terminating NUL, an abstract name its leading one.
    guard socket.utf8.count < 108 else { throw .unsupportedAddress(socket) }
  }

  /// A notifier for `environment["NOTIFY_SOCKET"]`, or `nil` when the variable is not set (the daemon
  /// was not started by systemd with `Type=notify`).
  public init?(environment: [String: String]) throws(Failure) {
    guard let socket = environment["NOTIFY_SOCKET"], !socket.isEmpty else { return nil }
    try self.init(socket: socket)
  }

  /// A notifier for this process's `$NOTIFY_SOCKET`, or `nil` when it is not set.
  public static func fromProcessEnvironment() throws(Failure) -> SystemdNotifier? {
    guard let value = getenv("NOTIFY_SOCKET") else { return nil }
    return try SystemdNotifier(environment: ["NOTIFY_SOCKET": String(cString: value)])
  }

  /// Sends `notifications` as one datagram, with `descriptors` attached (for ``SystemdNotification/storeDescriptors``).
  public func send(_ notifications: [SystemdNotification], descriptors: [FileDescriptor] = []) throws(Failure) {
    if let invalid = notifications.first(where: { !$0.isValid }) { throw .invalidNotification(invalid) }
    let payload = Array(notifications.map { $0.line + "\n" }.joined().utf8)
    let raw = Glibc.socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw .socket(Errno(rawValue: errno)) }
    let socket = FileDescriptor(rawValue: raw)
    defer { _ = try? socket.close() }
    let addressBytes = socketAddressBytes()
    let outcome = addressBytes.withUnsafeBytes { bytes in
      Result { () throws(DescriptorPassingError) -> Int in
        try socket.sendMessage(payload: payload, descriptors: descriptors, address: bytes, retryOnInterrupt: true)
      }
    }
    if case .failure(let error) = outcome { throw .send(error) }
  }

  /// `READY=1`, with an optional `STATUS=` line.
  public func ready(status: String? = nil) throws(Failure) {
    try send([.ready] + (status.map { [.status($0)] } ?? []))
  }

  /// `STATUS=…`.
  public func status(_ text: String) throws(Failure) { try send([.status(text)]) }

  /// `STOPPING=1`.
  public func stopping() throws(Failure) { try send([.stopping]) }

  /// `MAINPID=…`: hands the service over to another process (the new daemon after a takeover).
  public func mainPID(_ pid: Int32) throws(Failure) { try send([.mainPID(pid)]) }

  /// `FDSTORE=1` and `FDNAME=name` with `descriptors`: systemd keeps them across a restart of the service.
  public func storeDescriptors(_ descriptors: [FileDescriptor], name: String) throws(Failure) {
    try send([.storeDescriptors, .descriptorName(name)], descriptors: descriptors)
  }

  /// The `sockaddr_un` for ``address``, exactly as long as it needs to be (abstract names are not
  /// NUL-terminated: the length is part of the name).
  func socketAddressBytes() -> [UInt8] {
    var bytes: [UInt8] = withUnsafeBytes(of: sa_family_t(AF_UNIX)) { Array($0) }
    switch address {
    case .path(let path): bytes += Array(path.utf8) + [0]
    case .abstract(let name): bytes += [0] + Array(name.utf8)
    }
    return bytes
  }
}
