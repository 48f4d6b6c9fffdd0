import Glibc
import PetrelSystem
import SystemPackage

/// One end of a control connection, moving whole frames with blocking I/O bounded by deadlines. Both the
/// client and the daemon use it, so the two ends cannot disagree on how a frame is read or written.
///
/// Reading waits with `poll` before each `recvmsg`, so a silent peer costs a timeout, never a thread.
/// Writing uses `MSG_DONTWAIT` and `poll`, so a peer that stops reading cannot block the writer past its
/// deadline either. Descriptors are accepted only while the header of a frame is read; any that arrive
/// with payload bytes are refused (the kernel reports them as truncated control data and they are closed).
struct ControlConnection: Sendable {
  let socket: FileDescriptor

  /// A frame as read, with the descriptors that came with its header (owned by the caller).
  struct ReceivedFrame: Sendable {
    var header: ControlFrameHeader
    var payload: [UInt8]
    var descriptors: [FileDescriptor]
  }

  /// Reads one complete frame. On any error, descriptors already received are closed.
  func readFrame(
    until deadline: Deadline,
    maximumPayloadSize: Int = ControlProtocol.maximumPayloadSize,
    maximumDescriptors: Int = 0
  ) throws(ControlConnectionError) -> ReceivedFrame {
    let (header, descriptors) = try readHeader(
      until: deadline, maximumPayloadSize: maximumPayloadSize, maximumDescriptors: maximumDescriptors)
    do {
      let payload = try readPayload(length: header.payloadLength, until: deadline)
      return ReceivedFrame(header: header, payload: payload, descriptors: descriptors)
    } catch {
      closeQuietly(descriptors)
      throw error
    }
  }

  /// Reads and decodes a frame header, collecting the descriptors that arrive with its bytes. On any
  /// error (including an invalid header) those descriptors are closed before the error is thrown.
  func readHeader(
    until deadline: Deadline,
    maximumPayloadSize: Int,
    maximumDescriptors: Int
  ) throws(ControlConnectionError) -> (ControlFrameHeader, [FileDescriptor]) {
    var bytes: [UInt8] = []
    var descriptors: [FileDescriptor] = []
    do throws(ControlConnectionError) {
      while bytes.count < ControlProtocol.headerSize {
        let message = try receive(
          upTo: ControlProtocol.headerSize - bytes.count, descriptors: maximumDescriptors - descriptors.count,
          until: deadline)
        descriptors += message.descriptors
        if message.payload.isEmpty {
          throw bytes.isEmpty ? ControlConnectionError.closed : .frame(.truncatedHeader(received: bytes.count))
        }
        bytes += message.payload
      }
      return (try Self.decodeHeader(bytes, maximumPayloadSize: maximumPayloadSize), descriptors)
    } catch {
      closeQuietly(descriptors)
      throw error
    }
  }

  /// Reads exactly `length` payload bytes; descriptors arriving now are refused.
  func readPayload(length: Int, until deadline: Deadline) throws(ControlConnectionError) -> [UInt8] {
    var payload: [UInt8] = []
    payload.reserveCapacity(length)
    while payload.count < length {
      let message = try receive(upTo: length - payload.count, descriptors: 0, until: deadline)
      if message.payload.isEmpty { throw .frame(.truncatedPayload(expected: length, received: payload.count)) }
      payload += message.payload
    }
    return payload
  }

  /// Writes `frame`, with `descriptors` attached to its header bytes in one `sendmsg`.
  func write(_ frame: ControlFrame, descriptors: [FileDescriptor] = [], until deadline: Deadline)
    throws(ControlConnectionError)
  {
    if descriptors.isEmpty {
      try write(frame.bytes, until: deadline)
      return
    }
    // The header is 12 bytes on a fresh connection: the kernel takes it whole, with the descriptors.
    do {
      try socket.send(payload: frame.header.encoded, descriptors: descriptors)
    } catch {
      throw Self.connectionError(error)
    }
    try write(frame.payload, until: deadline)
  }

  /// Writes all of `bytes`, waiting for room until `deadline`.
  func write(_ bytes: [UInt8], until deadline: Deadline) throws(ControlConnectionError) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { buffer in
        Glibc.send(
          socket.rawValue, buffer.baseAddress! + offset, buffer.count - offset, CInt(MSG_NOSIGNAL | MSG_DONTWAIT))
      }
      if sent >= 0 {
        offset += sent
        continue
      }
      let error = Errno(rawValue: errno)
      switch error {
      case .interrupted: continue
      case .wouldBlock: try waitFor(Int16(POLLOUT), until: deadline)
      case .brokenPipe, .connectionReset: throw .closed
      default: throw .system(error)
      }
    }
  }

  /// Whether the peer has gone away or broken the protocol by sending more after its request: either
  /// way there is nobody left to answer. Does not wait.
  func peerHasLeft() -> Bool {
    var entry = pollfd(fd: socket.rawValue, events: Int16(POLLIN) | Poll.readHangUp, revents: 0)
    guard Glibc.poll(&entry, 1, 0) > 0 else { return false }
    return entry.revents != 0
  }

  /// One `recvmsg` of up to `count` bytes and `descriptors` descriptors, after waiting for data.
  private func receive(upTo count: Int, descriptors: Int, until deadline: Deadline)
    throws(ControlConnectionError) -> ReceivedMessage
  {
    while true {
      try waitFor(Int16(POLLIN), until: deadline)
      do {
        return try socket.receive(maxPayload: count, maxDescriptors: max(descriptors, 0))
      } catch .wouldBlock {
        continue
      } catch .descriptorsTruncated {
        throw .descriptorsRefused(
          descriptors <= 0
            ? "descriptors arrived outside a request header (they were closed)"
            : "more than \(ControlProtocol.maximumDescriptorsPerRequest) descriptors arrived (they were closed)")
      } catch {
        throw Self.connectionError(error)
      }
    }
  }

  /// Waits until `poll` reports `events` (or an error condition, which the next call then reports).
  private func waitFor(_ events: Int16, until deadline: Deadline) throws(ControlConnectionError) {
    let ready: [Int16]?
    do {
      ready = try Poll.wait([(socket, events)], until: deadline)
    } catch {
      throw .system(error)
    }
    guard ready != nil else { throw .timedOut }
  }

  private static func decodeHeader(_ bytes: [UInt8], maximumPayloadSize: Int) throws(ControlConnectionError)
    -> ControlFrameHeader
  {
    do {
      return try ControlFrameHeader(decoding: bytes, maximumPayloadSize: maximumPayloadSize)
    } catch {
      throw .frame(error)
    }
  }

  private static func connectionError(_ error: DescriptorPassingError) -> ControlConnectionError {
    switch error {
    case .system(.brokenPipe), .system(.connectionReset): .closed
    case .system(let errno): .system(errno)
    case .wouldBlock: .timedOut
    default: .descriptorsRefused("\(error)")
    }
  }
}

/// Closes descriptors nobody will own, ignoring errors (failure and clean-up paths).
func closeQuietly(_ descriptors: [FileDescriptor]) {
  for descriptor in descriptors { _ = Glibc.close(descriptor.rawValue) }
}
