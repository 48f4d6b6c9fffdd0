import CPetrelSystem
import Glibc
public import SystemPackage

extension FileDescriptor {
  /// Sends `payload` and `descriptors` in one `sendmsg` (`SCM_RIGHTS`) on a connected `AF_UNIX` socket.
  ///
  /// The descriptors travel with the first byte of the payload, so the receiver gets them with that byte.
  /// On a stream socket the kernel may accept only part of the payload; the rest is then written with
  /// plain `send` calls, retrying `EINTR` and waiting for the socket to become writable if it is
  /// non-blocking, because the descriptors have already left and the message must not be cut in half.
  /// `SIGPIPE` is never raised (`MSG_NOSIGNAL`): a closed peer is reported as `EPIPE`.
  ///
  /// The sender keeps its own descriptors; close them when they are no longer needed.
  ///
  /// - Throws: ``DescriptorPassingError/wouldBlock`` when a non-blocking socket accepts nothing,
  ///   ``DescriptorPassingError/descriptorsNeedPayload`` for descriptors with an empty payload.
  public func send(
    payload: [UInt8],
    descriptors: [FileDescriptor] = [],
    retryOnInterrupt: Bool = true
  ) throws(DescriptorPassingError) {
    let sent = try sendMessage(
      payload: payload, descriptors: descriptors, address: nil, retryOnInterrupt: retryOnInterrupt)
    if sent < payload.count {
      try sendRemainder(of: payload, from: sent)
    }
  }

  /// Receives one message with up to `maxPayload` bytes and up to `maxDescriptors` descriptors
  /// (`recvmsg` with `MSG_CMSG_CLOEXEC`).
  ///
  /// Descriptors beyond `maxDescriptors` that still fit the control buffer (it is rounded up to the
  /// platform's alignment) are closed; if even the buffer was too small (`MSG_CTRUNC`) every descriptor
  /// that arrived is closed and the message is refused, because a peer that sends more than agreed
  /// cannot be trusted with the rest of the exchange either.
  ///
  /// - Throws: ``DescriptorPassingError/wouldBlock`` when a non-blocking socket has nothing to read,
  ///   ``DescriptorPassingError/descriptorsTruncated``, ``DescriptorPassingError/payloadTruncated``.
  public func receive(
    maxPayload: Int,
    maxDescriptors: Int,
    retryOnInterrupt: Bool = true
  ) throws(DescriptorPassingError) -> ReceivedMessage {
    precondition(maxPayload >= 0 && maxDescriptors >= 0, "buffer sizes cannot be negative")
    let controlCapacity = maxDescriptors == 0 ? 0 : petrel_cmsg_space(maxDescriptors * MemoryLayout<CInt>.size)
    let control = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(controlCapacity, 1), alignment: MemoryLayout<cmsghdr>.alignment)
    defer { control.deallocate() }
    control.initializeMemory(as: UInt8.self, repeating: 0)

    var payload = [UInt8](repeating: 0, count: maxPayload)
    var message = msghdr()
    let outcome: Result<Int, Errno> = payload.withUnsafeMutableBytes { payloadBuffer in
      var vector = iovec(iov_base: payloadBuffer.baseAddress, iov_len: payloadBuffer.count)
      return withUnsafeMutablePointer(to: &vector) { vectorPointer in
        message.msg_iov = vectorPointer
        message.msg_iovlen = 1
        message.msg_control = controlCapacity == 0 ? nil : control.baseAddress
        message.msg_controllen = controlCapacity
        return Result { () throws(Errno) -> Int in
          try DescriptorSystemCall.run(retryOnInterrupt: retryOnInterrupt) {
            Glibc.recvmsg(rawValue, &message, CInt(MSG_CMSG_CLOEXEC))
          }
        }
      }
    }
    let received: Int
    switch outcome {
    case .success(let count): received = count
    case .failure(let error): throw DescriptorPassingError(error)
    }

    let arrived = Self.rightsDescriptors(in: &message)
    if message.msg_flags & CInt(MSG_CTRUNC) != 0 {
      DescriptorSystemCall.closeQuietly(arrived)
      throw .descriptorsTruncated
    }
    if message.msg_flags & CInt(MSG_TRUNC) != 0 {
      DescriptorSystemCall.closeQuietly(arrived)
      throw .payloadTruncated
    }
    DescriptorSystemCall.closeQuietly(arrived.dropFirst(maxDescriptors))
    payload.removeSubrange(received...)
    return ReceivedMessage(payload: payload, descriptors: Array(arrived.prefix(maxDescriptors)))
  }

  /// One `sendmsg` with an optional destination address (for unconnected datagram sockets such as
  /// systemd's notification socket); returns how many payload bytes the kernel took.
  func sendMessage(
    payload: [UInt8],
    descriptors: [FileDescriptor],
    address: UnsafeRawBufferPointer?,
    retryOnInterrupt: Bool
  ) throws(DescriptorPassingError) -> Int {
    if !descriptors.isEmpty && payload.isEmpty { throw .descriptorsNeedPayload }
    let rightsLength = descriptors.count * MemoryLayout<CInt>.size
    let controlCapacity = descriptors.isEmpty ? 0 : petrel_cmsg_space(rightsLength)
    let control = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(controlCapacity, 1), alignment: MemoryLayout<cmsghdr>.alignment)
    defer { control.deallocate() }
    control.initializeMemory(as: UInt8.self, repeating: 0)

    var message = msghdr()
    message.msg_name = address.map { UnsafeMutableRawPointer(mutating: $0.baseAddress) } ?? nil
    message.msg_namelen = socklen_t(address?.count ?? 0)
    if controlCapacity > 0 {
      message.msg_control = control.baseAddress
      message.msg_controllen = controlCapacity
      let header = petrel_cmsg_firsthdr(&message)!
      header.pointee.cmsg_level = SOL_SOCKET
      header.pointee.cmsg_type = CInt(SCM_RIGHTS)
      header.pointee.cmsg_len = petrel_cmsg_len(rightsLength)
      let data = UnsafeMutableRawPointer(petrel_cmsg_data(header)!)
      for (index, descriptor) in descriptors.enumerated() {
        data.storeBytes(of: descriptor.rawValue, toByteOffset: index * MemoryLayout<CInt>.size, as: CInt.self)
      }
    }

    let outcome: Result<Int, Errno> = payload.withUnsafeBytes { payloadBuffer in
      var vector = iovec(
        iov_base: UnsafeMutableRawPointer(mutating: payloadBuffer.baseAddress), iov_len: payloadBuffer.count)
      return withUnsafeMutablePointer(to: &vector) { vectorPointer in
        message.msg_iov = vectorPointer
        message.msg_iovlen = 1
        return Result { () throws(Errno) -> Int in
          try DescriptorSystemCall.run(retryOnInterrupt: retryOnInterrupt) {
            Glibc.sendmsg(rawValue, &message, CInt(MSG_NOSIGNAL))
          }
        }
      }
    }
    switch outcome {
    case .success(let count): return count
    case .failure(let error): throw DescriptorPassingError(error)
    }
  }

  /// Finishes a stream message whose descriptors already went out with its first `offset` bytes.
  private func sendRemainder(of payload: [UInt8], from offset: Int) throws(DescriptorPassingError) {
    var offset = offset
    while offset < payload.count {
      let result = payload.withUnsafeBytes { buffer in
        Glibc.send(rawValue, buffer.baseAddress! + offset, buffer.count - offset, CInt(MSG_NOSIGNAL))
      }
      if result >= 0 {
        offset += result
        continue
      }
      let error = Errno(rawValue: errno)
      switch error {
      case .interrupted: continue
      case .wouldBlock: try waitUntilWritable()
      default: throw .system(error)
      }
    }
  }

  /// Waits, without a time limit, until the socket can take more bytes.
  private func waitUntilWritable() throws(DescriptorPassingError) {
    var request = pollfd(fd: rawValue, events: Int16(POLLOUT), revents: 0)
    do {
      _ = try DescriptorSystemCall.run { Glibc.poll(&request, 1, -1) }
    } catch {
      throw .system(error)
    }
  }

  /// Every descriptor in the `SCM_RIGHTS` control messages of a received message, in order.
  private static func rightsDescriptors(in message: inout msghdr) -> [FileDescriptor] {
    guard message.msg_control != nil, message.msg_controllen > 0 else { return [] }
    var descriptors: [FileDescriptor] = []
    var header = petrel_cmsg_firsthdr(&message)
    while let current = header {
      if current.pointee.cmsg_level == SOL_SOCKET && current.pointee.cmsg_type == CInt(SCM_RIGHTS) {
        let dataLength = Int(current.pointee.cmsg_len) - petrel_cmsg_len(0)
        let data = UnsafeRawPointer(petrel_cmsg_data(current)!)
        for index in 0..<(dataLength / MemoryLayout<CInt>.size) {
          let raw = data.loadUnaligned(fromByteOffset: index * MemoryLayout<CInt>.size, as: CInt.self)
          descriptors.append(FileDescriptor(rawValue: raw))
        }
      }
      header = petrel_cmsg_nxthdr(&message, current)
    }
    return descriptors
  }
}
