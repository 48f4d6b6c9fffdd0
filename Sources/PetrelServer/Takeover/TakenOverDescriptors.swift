import PetrelSystem
public import SystemPackage

/// What a new daemon holds once the running daemon's descriptors are in its hands and checked: the DNS
/// listeners grouped by address as phase 2 of start-up serves them, and the control socket.
///
/// It exists so that the rest of start-up sees taken-over sockets exactly like bound ones.
public struct TakenOverDescriptors: Sendable {
  /// The DNS listeners, per address in the running daemon's order: its UDP sockets (one per event loop
  /// *it* had) and its TCP socket.
  public var addresses: [BoundSockets.Address]
  /// The listening control socket, if the running daemon served one.
  public var controlSocket: FileDescriptor?

  /// Groups checked descriptors (in offer order, with their descriptions) by address.
  ///
  /// - Throws: ``TakeoverFailure/mismatch(_:)`` when an address lacks its TCP socket or its UDP sockets,
  ///   has two TCP sockets, or a socket cannot be adopted; the caller closes every descriptor then.
  static func group(
    _ received: [(description: TakeoverSocketDescription, descriptor: FileDescriptor)]
  ) throws(TakeoverFailure) -> TakenOverDescriptors {
    var order: [AddressKey] = []
    var udp: [AddressKey: [ListeningSocket]] = [:]
    var tcp: [AddressKey: ListeningSocket] = [:]
    var control: FileDescriptor? = nil
    for (description, descriptor) in received {
      if description.role == .control {
        guard control == nil else { throw .mismatch("two control sockets offered") }
        control = descriptor
        continue
      }
      let socket: ListeningSocket
      do {
        socket = try ListeningSocket.adopting(descriptor, info: try descriptor.socketInfo())
      } catch {
        throw .mismatch("\(description): \(error)")
      }
      let key = AddressKey(host: socket.host, port: socket.port)
      if udp[key] == nil && tcp[key] == nil { order.append(key) }
      switch (description.role, socket.transport) {
      case (.dnsUDP, .udp): udp[key, default: []].append(socket)
      case (.dnsTCP, .tcp):
        guard tcp[key] == nil else { throw .mismatch("two TCP sockets offered for \(description)") }
        tcp[key] = socket
      default: throw .mismatch("\(description) is a \(socket.transport.rawValue) socket")
      }
    }
    var addresses: [BoundSockets.Address] = []
    for key in order {
      guard let stream = tcp[key], let datagrams = udp[key], !datagrams.isEmpty else {
        throw .mismatch("the running daemon offered \(key.host) port \(key.port) without both UDP and TCP")
      }
      addresses.append(BoundSockets.Address(udp: datagrams, tcp: stream))
    }
    return TakenOverDescriptors(addresses: addresses, controlSocket: control)
  }

  /// Where a listener is bound.
  private struct AddressKey: Hashable {
    var host: String
    var port: UInt16
  }

  /// Every descriptor held.
  public var all: [FileDescriptor] {
    addresses.flatMap { $0.udp.map(\.descriptor) + [$0.tcp.descriptor] } + (controlSocket.map { [$0] } ?? [])
  }
}
