import Glibc
public import SystemPackage

/// A notification socket connected to the service manager once, before the sandbox, and kept for the life
/// of the daemon.
///
/// ``SystemdNotifier`` opens a new socket for every message; that stops working inside Landlock's
/// abstract-socket scope (ABI 6) when `$NOTIFY_SOCKET` is an abstract name (`@…`), because the kernel refuses
/// to let a scoped process send to an abstract socket outside its domain. A datagram socket *connected*
/// before the domain was entered may go on sending to its peer, so the daemon connects here, in phase 1,
/// and notifies through this value afterwards, whatever form the address has.
public struct ConnectedSystemdNotifier: Sendable {
  /// Where the notifications go.
  public let address: SystemdNotifier.Address
  private let socket: FileDescriptor

  /// Why the notification socket could not be connected.
  public struct ConnectFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var call: String
    public var error: Errno

    public var description: String { "\(call): \(error)" }
  }

  /// Creates a close-on-exec datagram socket and connects it to `notifier`'s address.
  public init(connectingTo notifier: SystemdNotifier) throws(ConnectFailure) {
    let raw = Glibc.socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw ConnectFailure(call: "socket(AF_UNIX, SOCK_DGRAM)", error: Errno(rawValue: errno)) }
    let bytes = notifier.socketAddressBytes()
    let result = bytes.withUnsafeBytes { buffer in
      Glibc.connect(raw, buffer.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(buffer.count))
    }
    guard result == 0 else {
      let error = Errno(rawValue: errno)
      _ = Glibc.close(raw)
      throw ConnectFailure(call: "connect(\(notifier.address))", error: error)
    }
    address = notifier.address
    socket = FileDescriptor(rawValue: raw)
  }

  /// Sends `notifications` as one datagram on the connected socket, with `descriptors` attached.
  public func send(
    _ notifications: [SystemdNotification], descriptors: [FileDescriptor] = []
  ) throws(SystemdNotifier.Failure) {
    if let invalid = notifications.first(where: { !$0.isValid }) { throw .invalidNotification(invalid) }
    let payload = Array(notifications.map { $0.line + "\n" }.joined().utf8)
    do {
      _ = try socket.sendMessage(payload: payload, descriptors: descriptors, address: nil, retryOnInterrupt: true)
    } catch {
      throw .send(error)
    }
  }

  /// `READY=1`, with an optional `STATUS=` line.
  public func ready(status: String? = nil) throws(SystemdNotifier.Failure) {
    try send([.ready] + (status.map { [.status($0)] } ?? []))
  }

  /// `STOPPING=1`, with an optional `STATUS=` line.
  public func stopping(status: String? = nil) throws(SystemdNotifier.Failure) {
    try send([.stopping] + (status.map { [.status($0)] } ?? []))
  }

  /// `MAINPID=…`: another process of the service is now its main process (the new daemon after a takeover).
  public func mainPID(_ pid: Int32) throws(SystemdNotifier.Failure) {
    try send([.mainPID(pid)])
  }

  /// Closes the socket; the value must not be used afterwards.
  public func close() {
    _ = try? socket.close()
  }
}
