// Measures decode + encode of a typical five-record response (two A answers, two NS, one glue A, EDNS).
// Run: swift run -c release PetrelDNSBenchmark [iterations]
import PetrelDNS

#if canImport(Glibc)
  import Glibc
#endif

func now() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let name = try DomainName("www.example.com.")
let zone = try DomainName("example.com.")
let response = Message(
  id: 0xC309, flags: [.qr, .aa, .rd], questions: [Question(name: name, type: .a)],
  answers: [
    ResourceRecord(name: name, ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 10))),
    ResourceRecord(name: name, ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 11))),
  ],
  authorities: [
    ResourceRecord(name: zone, ttl: 3600, rdata: .ns(try DomainName("ns1.example.com."))),
    ResourceRecord(name: zone, ttl: 3600, rdata: .ns(try DomainName("ns2.example.com."))),
  ],
  additionals: [
    ResourceRecord(name: try DomainName("ns1.example.com."), ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 1)))
  ],
  edns: EDNS(udpPayloadSize: 1232))
let wire = try response.encode()
let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000

var checksum = 0
let start = now()
for _ in 0..<iterations {
  let message = try Message(decoding: wire)
  checksum &+= try message.encode(maxSize: 1232).count
}
let elapsed = now() - start
print("decode+encode of a \(wire.count)-octet 5-record response: \(iterations) in \(elapsed) s")
print("messages/s: \(Int(Double(iterations) / elapsed)) (checksum \(checksum))")
