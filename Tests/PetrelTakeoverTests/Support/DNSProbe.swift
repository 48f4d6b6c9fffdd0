import PetrelTestSupport

/// The takeover tests' name for the shared loopback client.
typealias DNSProbe = LoopbackDNSClient
