import Glibc
import NIOCore
import PetrelDNS
import Testing

@testable import PetrelResolver

/// The checks that need no socket: the response screen, source matching, and the meaning of socket errors.
@Suite struct ScreeningTests {
  static func inspect(_ bytes: [UInt8], id: UInt16) -> ResponseVerdict {
    bytes.withUnsafeBytes { ResponseScreen(queryID: id).inspect($0) }
  }

  static func rejection(_ verdict: ResponseVerdict) -> (RejectionReason, DNSWireError?)? {
    if case .rejected(let reason, let malformation) = verdict { return (reason, malformation) }
    return nil
  }

  @Test func acceptsAWellFormedResponseWithTheQueryID() throws {
    let query = try DNSFixtures.query(id: 0x1111)
    guard case .accepted(let message) = Self.inspect(try DNSFixtures.answer(to: query), id: 0x1111) else {
      Issue.record("not accepted")
      return
    }
    #expect(DNSFixtures.firstAddress(message) == DNSFixtures.realAddress)
  }

  @Test func rejectsEachKindOfBadResponseForItsReason() throws {
    let query = try DNSFixtures.query(id: 0x1111)
    let answer = try DNSFixtures.answer(to: query)
    #expect(Self.rejection(Self.inspect(answer, id: 0x1112))?.0 == .wrongID)
    #expect(Self.rejection(Self.inspect(try query.encode(), id: 0x1111))?.0 == .notResponse)
    let tooShort = try #require(Self.rejection(Self.inspect([0x11], id: 0x1111)))
    #expect(tooShort.0 == .undecodable && tooShort.1 == nil)
    let headerOnly = try #require(Self.rejection(Self.inspect([0x11, 0x11, 0x80], id: 0x1111)))
    #expect(headerOnly.0 == .undecodable && headerOnly.1 == .truncated(offset: 3))
    let cut = try #require(Self.rejection(Self.inspect(Array(answer.dropLast(3)), id: 0x1111)))
    #expect(cut.0 == .undecodable && cut.1 != nil)
  }

  @Test func truncatedResponseCutMidRecordBecomesHeaderAndQuestion() throws {
    let query = try DNSFixtures.query(id: 0x2222)
    guard case .accepted(let message) = Self.inspect(try DNSFixtures.truncatedMidRecord(to: query), id: 0x2222)
    else {
      Issue.record("not accepted")
      return
    }
    #expect(message.flags.contains(.tc) && message.flags.contains(.qr))
    #expect(message.questions == query.questions)
    #expect(message.answers.isEmpty)
  }

  @Test func socketAddressIsBuiltFromTheServer() throws {
    let v4 = SocketAddress(UpstreamServer(address: IPAddress("192.0.2.53")!, port: 5300))
    #expect(v4 == (try SocketAddress(ipAddress: "192.0.2.53", port: 5300)))
    let v6 = SocketAddress(UpstreamServer(address: IPAddress("2001:db8::1:53")!, port: 53))
    #expect(v6 == (try SocketAddress(ipAddress: "2001:db8::1:53", port: 53)))
  }

  @Test func socketErrorsMapToWhatTheResolverActsOn() {
    func mapped(_ code: CInt) -> UpstreamError { UpstreamError(transportError: IOError(errnoCode: code, reason: "t")) }
    #expect(mapped(ECONNREFUSED) == .refused)
    #expect(mapped(ENETUNREACH) == .unreachable)
    #expect(mapped(EHOSTUNREACH) == .unreachable)
    #expect(mapped(EAFNOSUPPORT) == .unreachable)
    #expect(mapped(ECONNRESET) == .connectionClosed)
    guard case .failed = mapped(EINVAL) else {
      Issue.record("EINVAL should keep the system's words")
      return
    }
    #expect(UpstreamError(transportError: ChannelError.connectTimeout(.seconds(1))) == .timeout)
    #expect(UpstreamError(transportError: ChannelError.ioOnClosedChannel) == .connectionClosed)
    #expect(UpstreamError(transportError: UpstreamError.refused) == .refused)
  }
}
