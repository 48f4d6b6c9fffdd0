import Glibc
import PetrelControl
import PetrelSystem
import SystemPackage

/// The two ways a new daemon gets the running daemon's descriptors, and the check every received
/// descriptor must pass before it is used.
enum DescriptorTaker {
  /// A descriptor with the description it was offered under.
  typealias Received = (description: TakeoverSocketDescription, descriptor: FileDescriptor)

  /// Why `pidfd_getfd` did not deliver: refused as a whole (try the other way), or failed on one descriptor.
  enum ProcessDescriptorFailure: Error {
    /// `EPERM` or `ENOSYS`: this process may not, or cannot, use `pidfd_getfd` on the running daemon.
    case refused(ProcessDescriptorError)
    /// Any other error, for one offered descriptor (the running daemon exited, the number is not open).
    case failed(TakeoverSocketDescription, ProcessDescriptorError)

    var takeoverFailure: TakeoverFailure {
      switch self {
      case .refused(let error): .transfer("pidfd_getfd: \(error)")
      case .failed(let description, let error): .transfer("pidfd_getfd of \(description): \(error)")
      }
    }
  }

  /// Copies every offered descriptor out of the running daemon with `pidfd_getfd`; on any failure closes
  /// the copies already made.
  static func takeWithProcessDescriptor(
    _ sockets: [TakeoverSocketDescription], from previous: ProcessDescriptor
  ) -> Result<[Received], ProcessDescriptorFailure> {
    var received: [Received] = []
    for description in sockets {
      do {
        received.append((description, try previous.getDescriptor(description.descriptor)))
      } catch {
        DescriptorCleanup.close(received.map(\.descriptor))
        switch error {
        case .permissionDenied, .unsupportedKernel: return .failure(.refused(error))
        default: return .failure(.failed(description, error))
        }
      }
    }
    return .success(received)
  }

  /// Asks the running daemon to send the descriptors, and receives them in offer order.
  static func receiveWithRights(
    _ sockets: [TakeoverSocketDescription], reason: String, conversation: ControlClientConversation,
    stepTimeout: Duration
  ) throws(TakeoverFailure) -> [Received] {
    do {
      try conversation.send(TakeoverSendDescriptors(reason: reason), timeout: stepTimeout)
    } catch {
      throw .control(error)
    }
    var descriptors: [FileDescriptor] = []
    do throws(TakeoverFailure) {
      while descriptors.count < sockets.count {
        let exchange: ControlExchange
        switch try receive(conversation, timeout: stepTimeout) {
        case .exchange(let received): exchange = received
        case .response(let response):
          throw .aborted("the running daemon answered \(response.status): \(response.message)")
        }
        descriptors += exchange.descriptors
        let batch: TakeoverDescriptorBatch
        do {
          batch = try exchange.decode(TakeoverDescriptorBatch.self)
        } catch {
          throw .protocolViolation("\(error)")
        }
        guard batch.step == .descriptors, batch.first == descriptors.count - exchange.descriptors.count,
          batch.count == exchange.descriptors.count, batch.count > 0, descriptors.count <= sockets.count
        else {
          throw .protocolViolation(
            "a batch of \(exchange.descriptors.count) descriptors announced as \(batch.count) from \(batch.first)")
        }
      }
    } catch {
      DescriptorCleanup.close(descriptors)
      throw error
    }
    return Array(zip(sockets, descriptors).map { (description: $0.0, descriptor: $0.1) })
  }

  /// Fails, closing every descriptor, unless each is the socket its description says: same family, type,
  /// protocol, local address and listening state, as this process's kernel reports them.
  static func check(_ received: [Received]) throws(TakeoverFailure) -> [Received] {
    for (description, descriptor) in received {
      let differences: [String]
      do {
        differences = description.differences(from: try descriptor.socketInfo())
      } catch {
        DescriptorCleanup.close(received.map(\.descriptor))
        throw .mismatch("\(description) is not a socket here: \(error)")
      }
      if !differences.isEmpty {
        DescriptorCleanup.close(received.map(\.descriptor))
        throw .mismatch("\(description): \(differences.joined(separator: "; "))")
      }
    }
    return received
  }

  /// Why `pidfd_getfd` was refused, as far as this process can tell, for the log.
  static func explainRefusal(_ error: ProcessDescriptorError, previous: ProcessDescriptor) -> String {
    guard error == .permissionDenied else { return "\(error)" }
    let hasPtrace = (try? Capabilities.current().effective.contains(Capability.sysPtrace)) ?? false
    return
      "EPERM: no ptrace access to the running daemon — it runs as another user or is not dumpable (it "
      + "switched user, which resets the flag) and this process \(hasPtrace ? "has" : "lacks") CAP_SYS_PTRACE — "
      + "or a seccomp filter (systemd's SystemCallFilter=~@debug) refuses pidfd_getfd"
  }

  private static func receive(
    _ conversation: ControlClientConversation, timeout: Duration
  ) throws(TakeoverFailure) -> ControlClientConversation.Incoming {
    do {
      return try conversation.receive(timeout: timeout)
    } catch {
      throw .control(error)
    }
  }
}
