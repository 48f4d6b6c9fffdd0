import PetrelControl
import PetrelDNS
import PetrelResolver
import SystemPackage

/// `trace NAME [TYPE] FILE|-`: one resolution from scratch (`bypassCache`), every step written to the client's
/// descriptor as it happens.
///
/// The resolver's tracer must not block, so it only passes each step's line into a stream; this command,
/// on the control session's own thread, takes lines from the stream and writes them, waiting for the reader
/// as long as it has to.
enum TraceCommand {
  static func run(
    _ context: DaemonControlContext, arguments: [String], descriptor: FileDescriptor,
    progress: ControlProgressReporter
  ) async throws -> ControlResponse {
    let name: DomainName
    do {
      name = try DomainName(arguments[0])
    } catch {
      return .error("not a domain name: \(arguments[0]): \(error)")
    }
    var type = RRType.a
    if arguments.count > 1 {
      guard let parsed = RRType(mnemonic: arguments[1].uppercased()) else {
        return .error("not a record type: \(arguments[1])")
      }
      type = parsed
    }
    var writer = try DescriptorWriter(descriptor, progress: progress)
    let question = Question(name: name, type: type)
    let (lines, continuation) = AsyncStream<String>.makeStream()
    let resolver = context.resolver
    let resolution = Task {
      let result = await resolver.resolve(
        question, options: ResolutionOptions(bypassCache: true, tracer: StreamTracer(continuation: continuation)))
      continuation.finish()
      return result
    }
    do {
      try writer.write(record: "; trace \(name) \(type)\n")
      for await line in lines {
        try writer.write(record: line + "\n")
        try writer.flush()
      }
      try writer.finish()
    } catch {
      resolution.cancel()
      throw error
    }
    let result = await resolution.value
    var fields = writer.progressFields
    fields["rcode"] = .string("\(result.rcode)")
    fields["answers"] = .count(result.answers.count)
    return .ok("\(name) \(type): \(result.rcode), \(result.answers.count) answer records", fields: fields)
  }
}

/// Hands each step of a resolution to a stream, never blocking the resolver.
private struct StreamTracer: ResolutionTracer {
  let continuation: AsyncStream<String>.Continuation

  func record(_ event: ResolutionEvent) {
    continuation.yield("\(event)")
  }
}

/// `trace-queries REGEX FILE|-` and `trace-queries --stop`: tracing the daemon's client queries into a file
/// that outlives the command (see ``QueryTraceHook``).
enum TraceQueriesCommand {
  static func start(_ context: DaemonControlContext, pattern: String, descriptor: FileDescriptor) -> ControlResponse {
    do {
      try context.traceHook.start(pattern: pattern, descriptor: descriptor)
    } catch {
      return .error("\(error)")
    }
    context.logger.notice("tracing client queries", metadata: ["pattern": "\(pattern)"])
    return .ok(
      "tracing client queries whose name matches '\(pattern)' until trace-queries --stop (or the reader goes away)")
  }

  static func stop(_ context: DaemonControlContext) -> ControlResponse {
    guard let stopped = context.traceHook.stop() else { return .error("no query trace is running") }
    context.logger.notice("query trace stopped", metadata: ["pattern": "\(stopped.pattern)"])
    return .ok(
      "stopped tracing '\(stopped.pattern)'",
      fields: ["lines": .count(stopped.written), "dropped": .count(stopped.dropped)])
  }
}
