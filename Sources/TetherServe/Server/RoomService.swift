import ServiceLifecycle

/// Runs beside the HTTP server: checks every second for trainees who have gone silent (the
/// persona's nudges), and when the server is asked to stop, closes the room first, so every
/// transcript gets its end record and every page hears `ended` before the sockets close.
struct RoomService: Service {
  let room: Room
  var tick: Duration = .seconds(1)

  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        try? await Task.sleep(for: tick)
        await room.sweepSilence()
      }
    }
    await room.close(reason: "signal")
  }
}
