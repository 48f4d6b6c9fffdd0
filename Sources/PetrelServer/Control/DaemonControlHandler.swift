import PetrelControl
import SystemPackage

/// The daemon's answer to every `petrelctl` command: picks the command's implementation and runs it.
///
/// The control server has already checked the request against the command's rules (arguments, options, the
/// descriptor and its access mode), so each command may rely on them; every command file in this folder is
/// one command or one family of them.
struct DaemonControlHandler: ControlCommandHandler {
  let context: DaemonControlContext

  func handle(
    _ request: ControlRequest, descriptors: [FileDescriptor], progress: ControlProgressReporter
  ) async throws -> ControlResponse {
    switch request.command {
    case .ping: return .ok("pong")
    case .version: return InformationCommands.version()
    case .status: return await InformationCommands.status(context)
    case .privileges: return InformationCommands.privileges(context)
    case .stats: return await StatisticsCommand.run(context, format: request.options["format"] ?? "text")
    case .dumpCache:
      return try await CacheDumpCommand.run(
        context, kind: request.options["kind"] ?? "all", format: request.options["format"] ?? "text",
        descriptor: descriptors[0], progress: progress)
    case .dumpThrottled: return try ThrottledDumpCommand.run(context, descriptor: descriptors[0], progress: progress)
    case .trace:
      return try await TraceCommand.run(
        context, arguments: request.arguments, descriptor: descriptors[0], progress: progress)
    case .traceQueries:
      if request.options["stop"] == "true" { return TraceQueriesCommand.stop(context) }
      return TraceQueriesCommand.start(context, pattern: request.arguments[0], descriptor: descriptors[0])
    case .wipeCache: return await WipeCacheCommand.run(context, names: request.arguments)
    case .loadCache: return try LoadCacheCommand.run(context, descriptor: descriptors[0], progress: progress)
    case .reload: return await context.reloader.reload()
    case .quit:
      context.logger.notice("stopping at once: petrelctl quit")
      context.stopRequest.request(.now)
      return .ok("stopping now")
    case .takeover: return try await context.takeover.handle(request, descriptors: descriptors, progress: progress)
    case .quitNicely:
      context.logger.notice("stopping gracefully: petrelctl quit-nicely")
      context.stopRequest.request(.nicely)
      return .ok("stopping: no new queries are accepted; those in flight are answered first")
    }
  }
}
