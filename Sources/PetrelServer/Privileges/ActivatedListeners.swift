import PetrelDNS
public import PetrelSystem

/// Turns the descriptors systemd passed (`LISTEN_FDS`) into the listeners of phase 1, checking each against
/// the kernel and against the configuration instead of trusting the unit file's order.
///
/// Every descriptor must be an IPv4 or IPv6 UDP socket or a listening TCP socket, bound to an address the
/// configuration's `listen` names; every configured address must arrive with at least one UDP socket and
/// exactly one TCP socket. Anything else is refused with the descriptor and the mismatch named, so a `.socket`
/// unit and `petrel.yml` that disagree stop the daemon at start instead of leaving an address unserved.
public enum ActivatedListeners {
  /// Why the passed descriptors cannot be served.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The listeners for `descriptors`, in the order of `listen`; `threads` event loops will serve them.
  ///
  /// On failure no descriptor is closed: the process is about to exit.
  public static func adopt(
    _ descriptors: [ActivatedDescriptor], listen: [ListenAddress], threads: Int
  ) throws(Failure) -> BoundSockets {
    var udp: [Int: [ListeningSocket]] = [:]
    var tcp: [Int: ListeningSocket] = [:]
    for passed in descriptors {
      let label = "descriptor \(passed.descriptor.rawValue) (\(passed.name))"
      guard let info = passed.socket else { throw Failure(description: "\(label) is not a socket") }
      let socket: ListeningSocket
      do {
        socket = try ListeningSocket.adopting(passed.descriptor, info: info)
      } catch {
        throw Failure(description: "\(label): \(error)")
      }
      guard let index = listen.firstIndex(where: { matches($0, socket) }) else {
        let configured = listen.map(\.description).joined(separator: ", ")
        throw Failure(
          description: "\(label) is \(socket), an address the configuration does not listen on (listen: \(configured))")
      }
      switch socket.transport {
      case .udp: udp[index, default: []].append(socket)
      case .tcp:
        if tcp[index] != nil { throw Failure(description: "\(label): a second TCP socket for \(listen[index])") }
        tcp[index] = socket
      }
    }

    var addresses: [BoundSockets.Address] = []
    for (index, address) in listen.enumerated() {
      guard let stream = tcp[index], let datagrams = udp[index] else {
        let missing = tcp[index] == nil ? "TCP" : "UDP"
        throw Failure(
          description: "the configuration listens on \(address), but the service manager passed no \(missing) socket "
            + "for it (add ListenDatagram=/ListenStream= to the .socket unit, or remove it from listen)")
      }
      addresses.append(BoundSockets.Address(udp: datagrams, tcp: stream))
    }
    return BoundSockets(addresses: addresses, threads: max(1, threads))
  }

  /// Same address (compared as addresses, not as text) and port.
  private static func matches(_ address: ListenAddress, _ socket: ListeningSocket) -> Bool {
    guard address.port == Int(socket.port), let configured = IPAddress(address.host) else { return false }
    return IPAddress(socket.host) == configured
  }
}
