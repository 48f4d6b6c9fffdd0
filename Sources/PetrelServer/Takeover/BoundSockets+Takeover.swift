extension BoundSockets {
  /// The taken-over DNS listeners, to be served like freshly bound ones on `threads` event loops.
  ///
  /// Every UDP socket is served, whatever the thread counts: the running daemon may have had more event
  /// loops than this one (its UDP sockets are then spread over this daemon's loops) or fewer (some loops
  /// then read no UDP socket of an address). A socket left unread would lose the datagrams the kernel
  /// gives it.
  public init(takenOver: TakenOverDescriptors, threads: Int) {
    self.init(addresses: takenOver.addresses, threads: max(1, threads))
  }
}
